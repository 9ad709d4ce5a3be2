import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { BodyOf } from '../../../../shared/contracts/route';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import { recordPaperBallot, type VoteDetail } from '../../../../shared/contracts/votes';
import { Photos } from '../../../components/agora/Photos';
import { Field, FormError } from '../../../components/Form';
import { type ElectorRow, paperBallot } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { checkWith } from '../../../lib/validation';
import { chinaDate } from '../notice-edit/form';

type Key = 'optionIds' | 'signer' | 'signedOn' | 'uploadId';

/**
 * 代录纸质票: the options as the paper ballot shows them, who signed it, on which day, and the
 * photo of the paper ballot (required: the record must be checkable).
 */
export function PaperBallotDialog(props: {
  communityId: number;
  vote: VoteDetail;
  elector: ElectorRow;
  onDone: () => void;
  onClose: () => void;
}) {
  const v = props.vote;
  const many = v.kind === 'multiple';
  const [chosen, setChosen] = useState<number[]>([]);
  const [signer, setSigner] = useState('');
  const [signedOn, setSignedOn] = useState(chinaDate(new Date().toISOString()));
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const sending = useSubmit<Key>();
  const toggle = (id: number) =>
    setChosen((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : many ? [...prev, id] : [id]));
  const send = async () => {
    const extra: Partial<Record<Key, string>> = {};
    if (photos.length === 0) extra.uploadId = '请上传纸质票的照片';
    if (many && chosen.length > v.maxChoices) extra.optionIds = `最多选${v.maxChoices}项`;
    const checked = checkWith<BodyOf<typeof recordPaperBallot>, Key>(
      recordPaperBallot.body,
      {
        electorId: props.elector.electorId,
        optionIds: chosen,
        signer,
        signedOn,
        ...(photos[0] ? { uploadId: photos[0].id } : {}),
      },
      { extra, override: { uploadId: '请上传纸质票的照片' } },
    );
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    if (await sending.submit(() => paperBallot(props.communityId, v.id, body))) props.onDone();
  };
  const e = sending.fieldErrors;
  return (
    <View className="mask" id="paper-dialog">
      <View className="dialog">
        <Text className="t-title t-block">代录纸质票</Text>
        <Text className="t-body t-block" id="paper-elector">
          {props.elector.label}
          {props.elector.voted ? '（已投过，代录后以这张为准，原来的记录保留）' : ''}
        </Text>
        <Text className="field-label gap-top">{many ? `票上选的（最多${v.maxChoices}项）` : '票上选的'}</Text>
        <View id="paper-options">
          {v.options.map((o) => (
            <View
              key={o.id}
              id={`paper-option-${o.id}`}
              className={cx('chip', chosen.includes(o.id) && 'chip--on')}
              onClick={() => toggle(o.id)}
            >
              {o.label}
            </View>
          ))}
        </View>
        {e.optionIds ? (
          <Text className="field-error" id="paper-optionIds-error">
            {e.optionIds}
          </Text>
        ) : null}
        <Field id="paper-signer" label="签字人" value={signer} onChange={setSigner} maxlength={40} error={e.signer} />
        <Field
          id="paper-signed-on"
          label="签字日期"
          value={signedOn}
          onChange={setSignedOn}
          placeholder="例如：2026-12-05"
          maxlength={10}
          error={e.signedOn}
        />
        <Photos
          id="paper-photo"
          communityId={props.communityId}
          label="纸质票照片（必须上传）"
          max={1}
          value={photos}
          onChange={setPhotos}
          error={e.uploadId}
        />
        <FormError id="paper-form-error" message={sending.formError} retry={sending.retry} />
        <View className="btn-row gap-top">
          <Button
            id="paper-confirm"
            className="btn btn--primary"
            disabled={sending.busy || undefined}
            onClick={() => void send()}
          >
            {sending.busy ? '正在提交…' : '确认代录'}
          </Button>
          <Button id="paper-cancel" className="btn btn--plain" onClick={props.onClose}>
            取消
          </Button>
        </View>
      </View>
    </View>
  );
}
