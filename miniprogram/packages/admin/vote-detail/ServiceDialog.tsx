import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { BodyOf } from '../../../../shared/contracts/route';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import { recordService } from '../../../../shared/contracts/votes';
import { Photos } from '../../../components/agora/Photos';
import { Field, FormError } from '../../../components/Form';
import { serve } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { checkWith } from '../../../lib/validation';

type Key = 'electorIds' | 'note' | 'uploadId';

/** 送达: the ballots (with the warning) reached these households; how, and a photo if there is one. */
export function ServiceDialog(props: {
  communityId: number;
  voteId: number;
  electorIds: number[];
  onDone: (served: number) => void;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const sending = useSubmit<Key>();
  const send = async () => {
    const checked = checkWith<BodyOf<typeof recordService>, Key>(recordService.body, {
      electorIds: props.electorIds,
      note,
      ...(photos[0] ? { uploadId: photos[0].id } : {}),
    });
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const done = await sending.submit(() => serve(props.communityId, props.voteId, body));
    if (done) props.onDone(done.served);
  };
  return (
    <View className="mask" id="service-dialog">
      <View className="dialog">
        <Text className="t-title t-block">登记送达（{props.electorIds.length}户）</Text>
        <Text className="t-body t-block">
          登记表决票和“未表态视为同意多数”的提示已经送到这些住户。只有登记了送达的住户，未投票时才按多数计。
        </Text>
        <Field
          id="service-note"
          label="怎么送达的"
          value={note}
          onChange={setNote}
          maxlength={200}
          placeholder="例如：12月5日上门送达，本人签收"
          error={sending.fieldErrors.note}
        />
        <Photos
          id="service-photo"
          communityId={props.communityId}
          label="签收照片（可不加）"
          max={1}
          value={photos}
          onChange={setPhotos}
          error={sending.fieldErrors.uploadId}
        />
        {sending.fieldErrors.electorIds ? (
          <Text className="field-error" id="service-electorIds-error">
            {sending.fieldErrors.electorIds}
          </Text>
        ) : null}
        <FormError id="service-form-error" message={sending.formError} retry={sending.retry} />
        <View className="btn-row gap-top">
          <Button
            id="service-confirm"
            className="btn btn--primary"
            disabled={sending.busy || undefined}
            onClick={() => void send()}
          >
            {sending.busy ? '正在提交…' : '确认送达'}
          </Button>
          <Button id="service-cancel" className="btn btn--plain" onClick={props.onClose}>
            取消
          </Button>
        </View>
      </View>
    </View>
  );
}
