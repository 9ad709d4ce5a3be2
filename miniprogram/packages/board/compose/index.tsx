import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { createPost, PLACE_MAX, POST_BODY_MAX, type PostInput } from '../../../../shared/contracts/board';
import type { SubscriptionsReply } from '../../../../shared/contracts/subscriptions';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import {
  type AuthorShownAs,
  authorShownAs,
  authorShownAsLabels,
  heldReasonLabels,
  type MatterCategory,
  matterCategories,
  matterCategoryLabels,
  type PostCategory,
  postCategories,
  postCategoryLabels,
} from '../../../../shared/enums';
import { ensureSession, useSession } from '../../../api/session';
import { ChoiceGrid } from '../../../components/board/ChoiceGrid';
import { PhotoPicker } from '../../../components/board/PhotoPicker';
import { PlaceField } from '../../../components/board/PlaceField';
import { Field, FormError } from '../../../components/Form';
import { PageShell } from '../../../components/PageShell';
import { Empty } from '../../../components/StateView';
import { board } from '../../../hooks/board';
import { useSubmit } from '../../../hooks/useSubmit';
import { rejectedMessage } from '../../../lib/board-text';
import { cx } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import { loadSubscriptions, offerReminder } from '../../../lib/subscribe';
import { checkWith } from '../../../lib/validation';

type Key = 'category' | 'matterCategory' | 'place' | 'body' | 'uploadIds' | 'authorShown';

/** 发留言 (?kind=post) or 报小事快办 (?kind=matter) in a community the resident belongs to. */
export default function BoardCompose() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const kind = params.kind === 'matter' ? 'matter' : 'post';
  const session = useSession();
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved');
  const [category, setCategory] = useState<PostCategory | null>(null);
  const [matterCategory, setMatterCategory] = useState<MatterCategory | null>(null);
  const [place, setPlace] = useState('');
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const [shown, setShown] = useState<AuthorShownAs>('name');
  const [subscriptions, setSubscriptions] = useState<SubscriptionsReply | null>(null);
  const sending = useSubmit<Key>({
    fields: { DUPLICATE_CONTENT: 'body' },
    place: (e) => (e.code === 'CONTENT_REJECTED' ? { field: 'body', message: rejectedMessage(e) } : null),
  });
  const errors = sending.fieldErrors;

  useEffect(() => {
    ensureSession().catch(() => undefined);
    // WeChat's consent sheet must follow a tap at once: its template ids are read beforehand.
    void loadSubscriptions().then(setSubscriptions);
  }, []);

  if (communityId === null || (session.status !== 'unknown' && member?.role !== 'resident')) {
    return (
      <PageShell id="board-compose" title="发布">
        <Empty
          id="compose-members-only"
          text={member ? '工作人员请在留言下用“居委回复”回答居民。' : '加入本社区后才能发布。'}
        >
          {member ? null : (
            <Button id="compose-find" className="btn btn--primary" onClick={() => go(routes.committees)}>
              找居委，申请加入
            </Button>
          )}
        </Empty>
      </PageShell>
    );
  }

  const send = async () => {
    const input =
      kind === 'matter'
        ? { kind, matterCategory, place, body, uploadIds: photos.map((p) => p.id), authorShown: shown }
        : { kind, category, body, uploadIds: photos.map((p) => p.id), authorShown: shown };
    const checked = checkWith<PostInput, Key>(createPost.body, input, {
      override: { category: '请选择类别', matterCategory: '请选择是什么问题' },
    });
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const sent = checked.body;
    const post = await sending.submit(() => board.create(communityId, sent));
    if (!post) return;
    if (post.state === 'held') {
      await Taro.showModal({
        title: '已提交，审核中',
        content: `${post.heldReason ? heldReasonLabels[post.heldReason] : '内容需要审核'}。审核通过后邻居就能看到。`,
        showCancel: false,
        confirmText: '知道了',
      });
    } else void Taro.showToast({ title: kind === 'matter' ? '已报给居委' : '已发布', icon: 'none' });
    await offerReminder(subscriptions, kind === 'matter' ? 'matter_progress' : 'post_reply', {
      title: kind === 'matter' ? '处理进度提醒' : '回复提醒',
      content: kind === 'matter' ? '处理有进展时，用微信消息告诉您？' : '有人回复时，用微信消息告诉您？',
    });
    void Taro.redirectTo({ url: routes.boardDetail(communityId, post.id) });
  };

  return (
    <PageShell id="board-compose" title={kind === 'matter' ? '报小事快办' : '发留言'}>
      <View className="card">
        <Text className="field-label">{kind === 'matter' ? '是什么问题？' : '选一个类别'}</Text>
        {kind === 'matter' ? (
          <ChoiceGrid
            id="compose-matter-category"
            choices={matterCategories.map((c) => ({ value: c, label: matterCategoryLabels[c] }))}
            value={matterCategory}
            onChange={setMatterCategory}
          />
        ) : (
          <ChoiceGrid
            id="compose-category"
            choices={postCategories.map((c) => ({ value: c, label: postCategoryLabels[c] }))}
            value={category}
            onChange={setCategory}
          />
        )}
        {errors.category || errors.matterCategory ? (
          <Text className="field-error" id="compose-category-error">
            {errors.category ?? errors.matterCategory}
          </Text>
        ) : null}
        {kind === 'matter' ? (
          <View className="gap-top">
            <PlaceField
              value={place}
              onChange={setPlace}
              building={member?.household?.buildingName ?? null}
              max={PLACE_MAX}
              error={errors.place}
            />
            <Text className="field-hint t-block" id="compose-route-note">
              由居委会还是物业来处理，按居委会对这类问题的设定安排；处理进度会在这里告诉您。
            </Text>
          </View>
        ) : null}
      </View>

      <View className="card">
        <Field
          id="compose-body"
          label={kind === 'matter' ? '说说情况' : '想说的话'}
          multiline
          value={body}
          maxlength={POST_BODY_MAX}
          placeholder={kind === 'matter' ? '比如：3号楼2单元楼道灯不亮了' : '请写下您想说的话'}
          onChange={setBody}
          error={errors.body}
        />
        <Text
          className={cx('t-small t-block board-count', body.length > POST_BODY_MAX && 't-danger')}
          id="compose-count"
        >
          {body.length}/{POST_BODY_MAX}字
        </Text>
        <PhotoPicker communityId={communityId} value={photos} onChange={setPhotos} error={errors.uploadIds} />
      </View>

      <View className="card">
        <Text className="field-label">邻居看到的署名</Text>
        <ChoiceGrid
          id="compose-shown"
          choices={authorShownAs.map((a) => ({ value: a, label: authorShownAsLabels[a] }))}
          value={shown}
          onChange={setShown}
        />
        <Text className="field-hint t-block" id="compose-shown-note">
          居委会始终能看到是谁发的。
        </Text>
      </View>

      <FormError id="compose-form-error" message={sending.formError} retry={sending.retry} />
      <Button
        id="compose-submit"
        className="btn btn--primary btn--block gap-top"
        disabled={sending.busy || undefined}
        onClick={() => void send()}
      >
        {sending.busy ? '正在发送…' : kind === 'matter' ? '提交' : '发布'}
      </Button>
    </PageShell>
  );
}
