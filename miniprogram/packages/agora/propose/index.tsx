import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { proposeTopic, TOPIC_BODY_MAX, TOPIC_TITLE_MAX } from '../../../../shared/contracts/topics';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import { type AuthorShownAs, authorShownAs, authorShownAsLabels, heldReasonLabels } from '../../../../shared/enums';
import { ensureSession, useSession } from '../../../api/session';
import { ChoiceGrid } from '../../../components/board/ChoiceGrid';
import { PhotoPicker } from '../../../components/board/PhotoPicker';
import { Field, FormError } from '../../../components/Form';
import { PageShell } from '../../../components/PageShell';
import { Empty } from '../../../components/StateView';
import { agora, type ProposeInput } from '../../../hooks/agora';
import { useSubmit } from '../../../hooks/useSubmit';
import { rejectedMessage } from '../../../lib/board-text';
import { cx } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';

type Key = 'title' | 'body' | 'place' | 'uploadIds' | 'authorShown';

/** 我要提议: a resident proposes a topic; neighbours co-sign it before the committee reviews it. */
export default function AgoraPropose() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const session = useSession();
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [place, setPlace] = useState('');
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const [shown, setShown] = useState<AuthorShownAs>('name');
  const sending = useSubmit<Key>({
    fields: { DUPLICATE_CONTENT: 'body' },
    place: (e) => (e.code === 'CONTENT_REJECTED' ? { field: 'body', message: rejectedMessage(e) } : null),
  });
  const errors = sending.fieldErrors;

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);

  if (communityId === null || (session.status !== 'unknown' && member?.role !== 'resident')) {
    return (
      <PageShell id="agora-propose" title="我要提议">
        <Empty
          id="propose-members-only"
          text={member ? '工作人员请在议事厅管理里发起议题。' : '加入本社区后才能提议。'}
        >
          {member ? null : (
            <Button id="propose-find" className="btn btn--primary" onClick={() => go(routes.committees)}>
              找居委，申请加入
            </Button>
          )}
        </Empty>
      </PageShell>
    );
  }

  const send = async () => {
    const checked = checkWith<ProposeInput, Key>(proposeTopic.body, {
      title,
      body,
      place: place.trim() === '' ? undefined : place,
      uploadIds: photos.map((p) => p.id),
      authorShown: shown,
    });
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const sent = checked.body;
    const topic = await sending.submit(() => agora.propose(communityId, sent));
    if (!topic) return;
    if (topic.state === 'held') {
      await Taro.showModal({
        title: '已提交，审核中',
        content: `${topic.heldReason ? heldReasonLabels[topic.heldReason] : '内容需要审核'}。审核通过后邻居就能看到并附议。`,
        showCancel: false,
        confirmText: '知道了',
      });
    } else void Taro.showToast({ title: '已提交，请邻居来附议', icon: 'none' });
    void Taro.redirectTo({ url: routes.topic(communityId, topic.id) });
  };

  return (
    <PageShell id="agora-propose" title="我要提议">
      <View className="card">
        <Text className="t-body t-block">写清楚想做什么、为什么。提交后需要其他住户附议，附议够了居委会来审核。</Text>
      </View>
      <View className="card">
        <Field
          id="propose-title"
          label="标题"
          value={title}
          maxlength={TOPIC_TITLE_MAX}
          placeholder="比如：增设电动车充电桩"
          onChange={setTitle}
          error={errors.title}
        />
        <Field
          id="propose-body"
          label="想做什么、为什么"
          multiline
          value={body}
          maxlength={TOPIC_BODY_MAX}
          placeholder="比如：楼下电动车没地方充电，有人从楼上拉电线，很危险"
          onChange={setBody}
          error={errors.body}
        />
        <Text
          className={cx('t-small t-block board-count', body.length > TOPIC_BODY_MAX && 't-danger')}
          id="propose-count"
        >
          {body.length}/{TOPIC_BODY_MAX}字
        </Text>
        <Field
          id="propose-place"
          label="在哪里（可不填）"
          value={place}
          maxlength={40}
          placeholder="比如：5号楼北面空地"
          onChange={setPlace}
          error={errors.place}
        />
        <PhotoPicker communityId={communityId} value={photos} onChange={setPhotos} error={errors.uploadIds} />
      </View>
      <View className="card">
        <Text className="field-label">邻居看到的署名</Text>
        <ChoiceGrid
          id="propose-shown"
          choices={authorShownAs.map((a) => ({ value: a, label: authorShownAsLabels[a] }))}
          value={shown}
          onChange={setShown}
        />
        {errors.authorShown ? (
          <Text className="field-error" id="propose-shown-error">
            {errors.authorShown}
          </Text>
        ) : null}
        <Text className="field-hint t-block">居委会始终能看到是谁提的。</Text>
      </View>
      <FormError id="propose-form-error" message={sending.formError} retry={sending.retry} />
      <Button
        id="propose-submit"
        className="btn btn--primary btn--block gap-top"
        disabled={sending.busy || undefined}
        onClick={() => void send()}
      >
        {sending.busy ? '正在提交…' : '提交议题'}
      </Button>
    </PageShell>
  );
}
