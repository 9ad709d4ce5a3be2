import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import { type TopicDetail, topicNote } from '../../../../shared/contracts/topics';
import { moderatorMovesFrom, type TopicTransition } from '../../../../shared/domain/topic-stages';
import { topicKindLabels, topicStageLabels, voteStatusLabels } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { FormError } from '../../../components/Form';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { ErrorState, Loading } from '../../../components/StateView';
import { moveStage, review, useTopic } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { formatDateTime } from '../../../lib/format';
import { fileUrl } from '../../../lib/notice-files';
import { go, intParam, routes } from '../../../lib/routes';
import { EditText } from './EditText';
import { MergeDialog } from './MergeDialog';
import { Questions } from './Questions';
import { MeetingForm, UpdateForm } from './Records';
import '../../../components/agora/agora.css';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });
const acceptSchema = z.object({ reason: topicNote('采纳后的打算') });
const declineSchema = z.object({ reason: topicNote('不采纳的理由') });

export default function AdminTopicDetail() {
  const id = intParam(useRouter().params.id);
  return (
    <AdminShell id="admin-topic-detail" section="topics">
      {(communityId) =>
        id === null ? (
          <Text className="state-text t-body">找不到这个议题</Text>
        ) : (
          <Detail communityId={communityId} id={id} />
        )
      }
    </AdminShell>
  );
}

/** The words on a stage button: what the move does, from where. */
export function moveLabel(t: TopicTransition): string {
  if (t.move === 'implement') return t.from === 'discussing' ? '不投票，直接实施' : '开始实施';
  if (t.move === 'done') return '实施完成，请居民评价';
  if (t.move === 'close') return t.from === 'publicized' ? '结束议题（不实施）' : '结束评价，议题完成';
  if (t.move === 'accept') return '重新议事（再投一次票）';
  return topicStageLabels[t.to];
}

type Dialog = 'accept' | 'decline' | 'merge' | 'edit' | 'meeting' | 'update' | null;

function Detail(props: { communityId: number; id: number }) {
  const topic = useTopic(props.communityId, props.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const moving = useSubmit();
  if (topic.loading && !topic.data) return <Loading />;
  if (topic.error) return <ErrorState id="topic-error" error={topic.error} onRetry={topic.reload} admin />;
  if (!topic.data) return <Loading />;
  const t = topic.data;
  const reviewable = t.stage === 'collecting' || t.stage === 'reviewing';
  const mergeable = reviewable || t.stage === 'discussing';
  const moves = moderatorMovesFrom(t.stage);
  const changed = (next: TopicDetail, words: string) => {
    topic.setData(next);
    setDialog(null);
    toast(words);
  };
  const move = async (m: TopicTransition) => {
    const next = await moving.submit(() => moveStage(props.communityId, t.id, m.to));
    if (next) changed(next, `已改为${topicStageLabels[next.stage]}`);
  };

  return (
    <View id="topic-detail">
      <View className="card">
        <View className="row row--between">
          <Text className="t-title grow" id="topic-title">
            {t.title}
          </Text>
          <Text className="tag" id="topic-stage">
            {topicStageLabels[t.stage]}
          </Text>
        </View>
        <Text className="t-small t-block" id="topic-meta">
          {topicKindLabels[t.kind]} · {t.authorLabel} · {formatDateTime(t.createdAt)} · 附议 {t.cosignCount}/
          {t.cosignNeeded}户{t.place ? ` · 地点：${t.place}` : ''}
        </Text>
        <Text className="t-body t-block gap-top agora-body" id="topic-body">
          {t.body}
        </Text>
        <View className="row row--wrap gap-top">
          {t.images.map((img) => (
            <Image
              key={img.id}
              className="agora-photo"
              src={fileUrl(img.urls.thumbnail ?? img.urls.display)}
              mode="aspectFill"
            />
          ))}
        </View>
        {t.plan ? (
          <Text className="t-body t-block gap-top" id="topic-plan">
            居委的打算：{t.plan}
          </Text>
        ) : null}
        {t.decision ? (
          <Text className="t-body t-block gap-top" id="topic-decision">
            处理说明：{t.decision}
          </Text>
        ) : null}
        {t.mergedInto ? (
          <Text
            className="t-body t-block gap-top"
            id="topic-merged-into"
            onClick={() => go(routes.adminTopic(t.mergedInto?.id ?? t.id))}
          >
            已合并到：{t.mergedInto.title}
          </Text>
        ) : null}
        {t.mergedFrom.length > 0 ? (
          <Text className="t-small t-block gap-top" id="topic-merged-from">
            合并进来的议题：{t.mergedFrom.map((m) => m.title).join('、')}
          </Text>
        ) : null}
      </View>

      <View className="agora-row-actions gap-top" id="topic-actions">
        {reviewable ? (
          <Button id="topic-accept" className="btn btn--primary" onClick={() => setDialog('accept')}>
            采纳
          </Button>
        ) : null}
        {mergeable ? (
          <Button id="topic-merge" className="btn btn--plain" onClick={() => setDialog('merge')}>
            合并到…
          </Button>
        ) : null}
        {reviewable ? (
          <Button id="topic-decline" className="btn btn--danger" onClick={() => setDialog('decline')}>
            不采纳
          </Button>
        ) : null}
        {moves.map((m) => (
          <Button
            key={`${m.move}-${m.to}`}
            id={`topic-move-${m.to}`}
            className="btn btn--plain"
            disabled={moving.busy || undefined}
            onClick={() => void move(m)}
          >
            {moveLabel(m)}
          </Button>
        ))}
        {t.stage === 'discussing' ? (
          <Button id="topic-edit" className="btn btn--plain" onClick={() => setDialog('edit')}>
            修改内容
          </Button>
        ) : null}
        {t.stage === 'discussing' ? (
          <Button
            id="topic-vote-new"
            className="btn btn--primary"
            onClick={() => go(routes.adminVoteNew({ topicId: t.id }))}
          >
            发起投票
          </Button>
        ) : null}
        {t.stage === 'discussing' || t.stage === 'reviewing' ? (
          <Button id="topic-meeting" className="btn btn--plain" onClick={() => setDialog('meeting')}>
            添加议事会记录
          </Button>
        ) : null}
        {t.stage === 'implementing' ? (
          <Button id="topic-update" className="btn btn--primary" onClick={() => setDialog('update')}>
            发布实施进展
          </Button>
        ) : null}
      </View>
      <FormError id="topic-move-error" message={moving.formError} retry={moving.retry} />

      {dialog === 'edit' ? (
        <EditText
          communityId={props.communityId}
          topic={t}
          onDone={(next) => changed(next, '已保存')}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'meeting' ? (
        <MeetingForm
          communityId={props.communityId}
          topicId={t.id}
          onDone={() => {
            setDialog(null);
            toast('已添加议事会记录');
            void topic.reload();
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'update' ? (
        <UpdateForm
          communityId={props.communityId}
          topicId={t.id}
          onDone={() => {
            setDialog(null);
            toast('已发布进展');
            void topic.reload();
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}

      <Votes topic={t} communityId={props.communityId} />
      <Records topic={t} />
      <Questions communityId={props.communityId} topicId={t.id} />
      <Timeline topic={t} />

      {dialog === 'accept' ? (
        <ReasonDialog
          id="topic-accept"
          title="采纳这个议题"
          explain="写明居委打算怎么办，居民会看到。采纳后议题进入议事。"
          label="采纳后的打算"
          placeholder="例如：先请物业测算费用，下月召开议事会"
          maxLength={500}
          confirmText="确认采纳"
          busyText="正在提交…"
          keepText="先不采纳"
          schema={acceptSchema}
          send={(note) => review(props.communityId, t.id, { decision: 'accept', note })}
          onDone={(next: TopicDetail) => changed(next, '已采纳')}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'decline' ? (
        <ReasonDialog
          id="topic-decline"
          title="不采纳这个议题"
          explain="写明不采纳的理由，所有居民都能看到。"
          label="不采纳的理由"
          placeholder="例如：该处属市政道路，已转交街道"
          maxLength={500}
          confirmText="确认不采纳"
          busyText="正在提交…"
          keepText="再想想"
          schema={declineSchema}
          send={(note) => review(props.communityId, t.id, { decision: 'decline', note })}
          onDone={(next: TopicDetail) => changed(next, '已标记不采纳')}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'merge' ? (
        <MergeDialog
          communityId={props.communityId}
          topic={t}
          onDone={(next) => changed(next, '已合并')}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </View>
  );
}

function Votes({ topic: t, communityId }: { topic: TopicDetail; communityId: number }) {
  const votes = [...(t.vote ? [t.vote] : []), ...t.pastVotes];
  if (votes.length === 0 && !t.resultNoticeId) return null;
  return (
    <View className="card gap-top" id="topic-votes">
      <Text className="section-title">投票</Text>
      {votes.map((v) => (
        <View key={v.id} id={`topic-vote-${v.id}`} className="item" onClick={() => go(routes.adminVote(v.id))}>
          <Text className="item-title">{v.title}</Text>
          <Text className="item-line t-small">
            {voteStatusLabels[v.status]} · 截止 {formatDateTime(v.closesAt)}
          </Text>
        </View>
      ))}
      {t.resultNoticeId ? (
        <Button
          id="topic-result-notice"
          className="btn btn--plain"
          onClick={() => go(routes.notice(communityId, t.resultNoticeId as number))}
        >
          查看结果公示
        </Button>
      ) : null}
    </View>
  );
}

function Records({ topic: t }: { topic: TopicDetail }) {
  if (t.meetings.length === 0 && t.updates.length === 0) return null;
  return (
    <View className="card gap-top" id="topic-records">
      {t.meetings.map((m) => (
        <View key={`m${m.id}`} id={`topic-meeting-${m.id}`} className="item">
          <Text className="item-title">
            议事会 {m.heldOn}
            {m.place ? ` · ${m.place}` : ''}
          </Text>
          <Text className="item-line t-small">
            参加：{m.attendees}
            {m.attendeeCount ? `（${m.attendeeCount}人）` : ''}
          </Text>
          <Text className="item-line t-body agora-body">{m.minutes}</Text>
        </View>
      ))}
      {t.updates.map((u) => (
        <View key={`u${u.id}`} id={`topic-update-${u.id}`} className="item">
          <Text className="item-title">实施进展 {u.happenedOn}</Text>
          <Text className="item-line t-body agora-body">{u.body}</Text>
        </View>
      ))}
    </View>
  );
}

function Timeline({ topic: t }: { topic: TopicDetail }) {
  return (
    <View className="card gap-top" id="topic-timeline">
      <Text className="section-title">进程</Text>
      {t.timeline.map((e) => (
        <View key={`${e.at}-${e.kind}-${e.toStage ?? e.refId ?? ''}`} className="item-line">
          <Text className="t-small t-block">
            {formatDateTime(e.at)} · {e.actorLabel}
          </Text>
          <Text className="t-body t-block">
            {e.toStage ? topicStageLabels[e.toStage] : eventWords[e.kind]}
            {e.note ? `：${e.note}` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}

const eventWords: Record<TopicDetail['timeline'][number]['kind'], string> = {
  stage: '阶段变化',
  cosign_reached: '附议达到门槛',
  merged_in: '有议题合并进来',
  meeting: '召开议事会',
  update: '发布实施进展',
  vote_opened: '投票开始',
  vote_closed: '投票结束',
};
