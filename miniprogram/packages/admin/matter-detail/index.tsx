import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import { officialReply } from '../../../../shared/contracts/board';
import { type MatterDetail, matterDoneNote, matterReassignNote } from '../../../../shared/contracts/matters';
import { otherRoute, staffStepsFrom } from '../../../../shared/domain/matter-transitions';
import { matterCategoryLabels, matterRouteLabels, postStatusLabels } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { FormError } from '../../../components/Form';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { ErrorState, Loading } from '../../../components/StateView';
import { useAdminCommunity } from '../../../hooks/admin';
import { moveMatterTo, reassign, replyOfficially, useMatter } from '../../../hooks/matters-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { formatDateTime } from '../../../lib/format';
import { fileUrl } from '../../../lib/notice-files';
import { intParam } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';
import { Timeline } from './Timeline';
import './index.css';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });
/** The dialogs check their note with the contract's own rules (ReasonDialog calls it `reason`). */
const doneSchema = z.object({ reason: matterDoneNote });
const reassignSchema = z.object({ reason: matterReassignNote });

export default function AdminMatterDetail() {
  const id = intParam(useRouter().params.id);
  return (
    <AdminShell id="admin-matter-detail" section="matters">
      {(communityId) =>
        id === null ? (
          <Text className="state-text t-body">找不到这件事</Text>
        ) : (
          <Detail communityId={communityId} id={id} />
        )
      }
    </AdminShell>
  );
}

type Dialog = 'done' | 'reassign' | null;

function Detail(props: { communityId: number; id: number }) {
  const matter = useMatter(props.communityId, props.id);
  const admin = useAdminCommunity();
  const [dialog, setDialog] = useState<Dialog>(null);
  const starting = useSubmit();
  if (matter.loading && !matter.data) return <Loading />;
  if (matter.error) return <ErrorState id="matter-error" error={matter.error} onRetry={matter.reload} admin />;
  if (!matter.data) return <Loading />;
  const m = matter.data;
  const side = admin.isHandler ? 'handler' : 'moderator';
  const steps = staffStepsFrom(m.status, side).map((t) => t.to);
  const changed = (next: MatterDetail, words: string) => {
    matter.setData(next);
    setDialog(null);
    toast(words);
  };

  return (
    <View id="matter-detail">
      <View className="card">
        <View className="row row--between">
          <Text className="t-title grow">
            {matterCategoryLabels[m.matterCategory]} · {m.place}
          </Text>
          <Text className="tag" id="matter-status">
            {postStatusLabels[m.status]}
          </Text>
        </View>
        <Text className="t-small t-block" id="matter-reporter">
          报告人：{m.reporter.name ?? '已注销的居民'}
          {m.reporter.building ? `，${m.reporter.building}${m.reporter.unit ?? ''}${m.reporter.room ?? ''}` : ''}，
          {formatDateTime(m.createdAt)}
        </Text>
        <Text className="t-small t-block" id="matter-route">
          处理方：{matterRouteLabels[m.route]}
          {m.plusCount > 0 ? ` · ${m.plusCount}户也遇到了` : ''}
        </Text>
        <Text className="t-body t-block gap-top" id="matter-body">
          {m.body}
        </Text>
        <View className="row row--wrap gap-top">
          {m.images.map((img) => (
            <Image
              key={img.id}
              className="matter-photo"
              src={fileUrl(img.urls.thumbnail ?? img.urls.display)}
              mode="aspectFill"
              onClick={() =>
                void Taro.previewImage({
                  urls: m.images.map((i) => fileUrl(i.urls.display)),
                  current: fileUrl(img.urls.display),
                })
              }
            />
          ))}
        </View>
        {m.rating ? (
          <Text className="t-body t-block gap-top" id="matter-rating">
            居民评分：{m.rating}分{m.ratingComment ? `，${m.ratingComment}` : ''}
          </Text>
        ) : null}
      </View>

      <View className="row row--wrap gap-top" id="matter-actions">
        {steps.includes('in_progress') ? (
          <Button
            id="matter-start"
            className="btn btn--primary"
            disabled={starting.busy || undefined}
            onClick={() =>
              void starting
                .submit(() => moveMatterTo(props.communityId, m.id, 'in_progress'))
                .then((next) => next && changed(next, '已开始处理'))
            }
          >
            {starting.busy ? '正在提交…' : '开始处理'}
          </Button>
        ) : null}
        {steps.includes('done') ? (
          <Button id="matter-done" className="btn btn--primary" onClick={() => setDialog('done')}>
            标记办结
          </Button>
        ) : null}
        {!admin.isHandler && (m.status === 'accepted' || m.status === 'in_progress') ? (
          <Button id="matter-reassign" className="btn btn--plain" onClick={() => setDialog('reassign')}>
            {m.route === 'committee' ? '转给物业' : '转给居委'}
          </Button>
        ) : null}
      </View>
      <FormError id="matter-action-error" message={starting.formError} retry={starting.retry} />

      <Timeline matter={m} />
      <ReplyBox communityId={props.communityId} id={m.id} onSent={() => void matter.reload()} />

      {dialog === 'done' ? (
        <ReasonDialog
          id="matter-done"
          title="标记办结"
          explain="写明做了什么，报告的居民会看到。"
          label="办结说明"
          placeholder="例如：已更换楼道灯泡"
          maxLength={200}
          confirmText="确认办结"
          busyText="正在提交…"
          keepText="先不办结"
          schema={doneSchema}
          send={(note) => moveMatterTo(props.communityId, m.id, 'done', note)}
          onDone={(next: MatterDetail) => changed(next, '已标记办结')}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'reassign' ? (
        <ReasonDialog
          id="matter-reassign"
          title={m.route === 'committee' ? '转给物业处理' : '转给居委处理'}
          explain="写明为什么转交，报告的居民会收到通知。"
          label="转交说明"
          placeholder="例如：路灯由物业负责维修"
          maxLength={200}
          confirmText="确认转交"
          busyText="正在转交…"
          keepText="不转了"
          schema={reassignSchema}
          send={(note) => reassign(props.communityId, m.id, otherRoute(m.route), note)}
          onDone={(next: MatterDetail) => changed(next, `已转给${matterRouteLabels[next.route]}`)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </View>
  );
}

/** 居委回复 / 物业回复: pinned above the residents' comments on the board. */
function ReplyBox(props: { communityId: number; id: number; onSent: () => void }) {
  const [body, setBody] = useState('');
  const sending = useSubmit<'body'>();
  const send = async () => {
    const checked = checkWith<{ body: string }, 'body'>(officialReply.body, { body });
    sending.setFieldErrors(checked.errors);
    if (!checked.body) return;
    const done = await sending.submit(() => replyOfficially(props.communityId, props.id, body));
    if (done) {
      setBody('');
      toast('已回复');
      props.onSent();
    }
  };
  return (
    <View className="card gap-top" id="matter-reply">
      <Text className="field-label">官方回复（居民能看到）</Text>
      <Textarea
        id="matter-reply-body"
        className="textarea"
        value={body}
        maxlength={500}
        placeholder="例如：已安排师傅明天上午上门"
        onInput={(e) => setBody(e.detail.value)}
      />
      {sending.fieldErrors.body ? (
        <Text className="field-error" id="matter-reply-error">
          {sending.fieldErrors.body}
        </Text>
      ) : null}
      <FormError id="matter-reply-form-error" message={sending.formError} retry={sending.retry} />
      <Button
        id="matter-reply-send"
        className="btn btn--primary btn--block gap-top"
        disabled={sending.busy || undefined}
        onClick={() => void send()}
      >
        {sending.busy ? '正在发送…' : '发送回复'}
      </Button>
    </View>
  );
}
