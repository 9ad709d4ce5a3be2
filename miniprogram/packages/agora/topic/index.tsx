import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { contentStateLabels, heldReasonLabels, voteStatusLabels } from '../../../../shared/enums';
import { ApiError } from '../../../api/client';
import { ensureSession, signInWithWechat, useSession } from '../../../api/session';
import { CosignProgress } from '../../../components/agora/CosignProgress';
import { Discussion } from '../../../components/agora/Discussion';
import { StageBanner } from '../../../components/agora/StageBanner';
import { Meetings, TopicTimeline, Updates } from '../../../components/agora/TopicParts';
import { TopicRating } from '../../../components/agora/TopicRating';
import { outcomeText } from '../../../components/agora/text';
import { Photos } from '../../../components/board/Photos';
import { ReportDialog } from '../../../components/board/ReportDialog';
import { PageShell } from '../../../components/PageShell';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { ErrorState, Loading } from '../../../components/StateView';
import { agora, isOutsider, type TopicDetail, useTopic, useTopicComments } from '../../../hooks/agora';
import { APPEAL_MAX, appeal, appealText, type Subject } from '../../../hooks/board-moderation';
import { isH5 } from '../../../lib/env';
import { formatDateTime } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import '../../../components/agora/resident.css';

const appealSchema = z.object({ reason: appealText });

function copyLink() {
  void Taro.setClipboardData({ data: window.location.href }).then(
    () => Taro.showToast({ title: '链接已复制，可以发给邻居', icon: 'none' }),
    () => undefined,
  );
}

/** 附议: one per household; says 您家已附议 once done. */
function Cosign(props: { topic: TopicDetail; onChange: (t: TopicDetail) => void }) {
  const t = props.topic;
  const [busy, setBusy] = useState(false);
  const cosign = async () => {
    setBusy(true);
    try {
      props.onChange(await agora.cosign({ communityId: t.communityId, topicId: t.id }));
      void Taro.showToast({ title: '已附议，谢谢您', icon: 'none' });
    } catch (e) {
      void Taro.showToast({
        title: e instanceof ApiError ? e.message : '没有成功，请稍后再试',
        icon: 'none',
        duration: 3000,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" id="topic-cosign">
      <CosignProgress id="topic-cosign-progress" topic={t} />
      {t.cosignedByMyHousehold ? (
        <Text className="t-body t-block agora-met" id="topic-cosigned">
          ✓ 您家已附议
        </Text>
      ) : t.mine ? (
        <Text className="t-body t-block" id="topic-cosign-mine">
          这是您提的议题，请邀请邻居来附议
        </Text>
      ) : t.canCosign ? (
        <Button
          id="topic-cosign-button"
          className="btn btn--primary btn--block gap-top"
          disabled={busy || undefined}
          onClick={() => void cosign()}
        >
          {busy ? '正在提交…' : '我家附议（支持这个议题）'}
        </Button>
      ) : null}
      <Text className="t-small t-block gap-top">每户只能附议一次。</Text>
    </View>
  );
}

/** One topic: where it stands and what comes next, its text, the vote, progress, rating and discussion. */
export default function AgoraTopic() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const topicId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const topic = useTopic(communityId, topicId, signedIn);
  const t = topic.data;
  const comments = useTopicComments(communityId, topicId, signedIn && t !== null && t.state === 'visible');
  const [reporting, setReporting] = useState<Subject | null>(null);
  const [appealing, setAppealing] = useState<Subject | null>(null);
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved');
  const resident = member?.role === 'resident';

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  useShareAppMessage(() => ({
    title: t && t.state === 'visible' ? `议事厅：${t.title}` : '社区议事厅',
    path: communityId && topicId ? routes.topic(communityId, topicId) : routes.home,
  }));

  const alone = Taro.getCurrentPages().length <= 1;
  const code = topic.error?.code;
  const outsider = code === 'NOT_FOUND' && isOutsider(session, communityId);
  const missing = communityId === null || topicId === null || (code === 'NOT_FOUND' && !outsider);
  const membersOnly = code === 'FORBIDDEN' || outsider || session.status === 'signed-out';
  const key = { communityId: communityId as number, topicId: topicId as number };

  let content: JSX.Element | null = null;
  if (missing) {
    content = (
      <View className="state" id="topic-missing">
        <Text className="state-text t-body">没有找到这个议题，可能已被删除</Text>
      </View>
    );
  } else if (membersOnly) {
    content = (
      <View className="card" id="topic-members-only">
        <Text className="t-title t-block">加入本社区后可查看</Text>
        <Text className="t-body t-block gap-top">议事厅只给本社区的居民看。住在这里？申请加入后就能看到。</Text>
        <Button
          id="topic-join"
          className="btn btn--primary btn--block gap-top"
          onClick={() => go(routes.join(key.communityId))}
        >
          申请加入
        </Button>
        {signedIn ? null : (
          <Button
            id="topic-sign-in"
            className="btn btn--plain btn--block"
            onClick={() => signInWithWechat().catch(() => undefined)}
          >
            我已经是居民，登录查看
          </Button>
        )}
      </View>
    );
  } else if (topic.error) {
    content = <ErrorState error={topic.error} onRetry={topic.reload} />;
  } else if (!t) {
    content = <Loading />;
  } else {
    const visible = t.state === 'visible';
    const set = (next: TopicDetail) => topic.setData(next);
    content = (
      <View>
        {t.mine && !visible ? (
          <View className="card board-note" id="topic-state">
            <Text className="t-title t-block">{contentStateLabels[t.state]}</Text>
            <Text className="t-body t-block gap-top" id="topic-state-text">
              {t.state === 'held'
                ? `${t.heldReason ? heldReasonLabels[t.heldReason] : '内容需要审核'}。审核通过后邻居才能看到，请耐心等待。`
                : '邻居现在看不到这个议题。'}
            </Text>
            {t.state === 'hidden' ? (
              <Button
                id="topic-appeal"
                className="btn btn--primary gap-top"
                onClick={() => setAppealing({ subject: 'topic', subjectId: t.id })}
              >
                申诉
              </Button>
            ) : null}
          </View>
        ) : null}
        <StageBanner topic={t} now={Date.now()} />
        <View className="card" id="topic-view">
          <Text className="t-hero t-block agora-text" id="topic-title">
            {t.title}
          </Text>
          <Text className="t-small t-block">
            {t.byCommittee ? '居委会' : t.authorLabel}
            {t.mine ? '（我）' : ''} · {formatDateTime(t.createdAt)}
          </Text>
          {t.place ? (
            <Text className="t-body t-block gap-top board-place" id="topic-place">
              地点：{t.place}
            </Text>
          ) : null}
          <Text className="t-body t-block gap-top agora-text" id="topic-body">
            {t.body}
          </Text>
          <Photos images={t.images} prefix="topic" />
          {t.mergedInto ? (
            <Text
              className="link t-body t-block gap-top"
              id="topic-merged-into"
              onClick={() => go(routes.topic(t.communityId, t.mergedInto?.id as number))}
            >
              已并入：{t.mergedInto.title}
            </Text>
          ) : null}
          {t.mergedFrom.length ? (
            <Text className="t-small t-block gap-top" id="topic-merged-from">
              并入了：{t.mergedFrom.map((m) => m.title).join('、')}
            </Text>
          ) : null}
        </View>
        {t.plan ? (
          <View className="card agora-official" id="topic-plan">
            <Text className="t-title t-block">居委会的打算</Text>
            <Text className="t-body t-block agora-text">{t.plan}</Text>
          </View>
        ) : null}
        {t.decision && t.stage !== 'declined' ? (
          <View className="card" id="topic-decision">
            <Text className="t-title t-block">居委会的决定</Text>
            <Text className="t-body t-block agora-text">{t.decision}</Text>
          </View>
        ) : null}
        {t.stage === 'collecting' && visible ? <Cosign topic={t} onChange={set} /> : null}
        {t.vote ? (
          <View className="card" id="topic-vote" onClick={() => go(routes.vote(t.communityId, t.vote?.id as number))}>
            <Text className="t-title t-block">投票：{t.vote.title}</Text>
            <Text className="t-body t-block" id="topic-vote-status">
              {t.vote.status === 'open'
                ? `投票中，${formatDateTime(t.vote.closesAt)}截止`
                : `${voteStatusLabels[t.vote.status]}${t.vote.outcome ? `：${outcomeText(t.vote.outcome)}` : ''}`}
            </Text>
            <Button id="topic-vote-open" className="btn btn--primary btn--block gap-top">
              {t.vote.status === 'open' ? '去投票' : '看投票'}
            </Button>
          </View>
        ) : null}
        {t.pastVotes.length ? (
          <View className="card" id="topic-past-votes">
            <Text className="t-title t-block">以前的投票</Text>
            {t.pastVotes.map((v) => (
              <Text
                key={v.id}
                className="link t-body t-block gap-top"
                onClick={() => go(routes.vote(t.communityId, v.id))}
              >
                {v.title}（{voteStatusLabels[v.status]}
                {v.outcome ? `，${outcomeText(v.outcome)}` : ''}）
              </Text>
            ))}
          </View>
        ) : null}
        {t.resultNoticeId || (t.vote && t.vote.status === 'closed') ? (
          <Button
            id="topic-publicity"
            className="btn btn--plain btn--block"
            onClick={() =>
              go(
                t.resultNoticeId
                  ? routes.notice(t.communityId, t.resultNoticeId)
                  : routes.voteResult(t.communityId, t.vote?.id as number),
              )
            }
          >
            看结果公示
          </Button>
        ) : null}
        <Meetings topic={t} />
        <Updates topic={t} />
        <TopicRating
          topic={t}
          onRated={(score) => set({ ...t, myRating: score, canRate: false, ratingCount: t.ratingCount + 1 })}
          onReport={(r) => setReporting({ subject: 'topic_rating', subjectId: r.id })}
        />
        <TopicTimeline topic={t} />
        {visible ? (
          <Discussion
            communityId={key.communityId}
            topicId={key.topicId}
            list={comments}
            canComment={resident && t.canComment}
            onReport={(c) => setReporting({ subject: 'topic_comment', subjectId: c.id })}
            onAppeal={(c) => setAppealing({ subject: 'topic_comment', subjectId: c.id })}
          />
        ) : null}
        {visible && !t.mine ? (
          <Button
            id="topic-report"
            className="btn btn--plain btn--block"
            onClick={() => setReporting({ subject: 'topic', subjectId: t.id })}
          >
            举报这个议题
          </Button>
        ) : null}
        {isH5 && visible ? (
          <Button id="topic-copy-link" className="btn btn--plain btn--block" onClick={copyLink}>
            复制链接
          </Button>
        ) : null}
      </View>
    );
  }

  return (
    <PageShell id="agora-topic" title="议题">
      {content}
      {alone || missing ? (
        <Button id="topic-back-home" className="btn btn--plain btn--block gap-top" onClick={() => go(routes.home)}>
          回首页
        </Button>
      ) : null}
      {appealing && communityId ? (
        <ReasonDialog
          id="appeal"
          title="申诉"
          explain="每条内容只能申诉一次，工作人员会重新查看。"
          label="申诉的理由"
          placeholder="请说明为什么这条内容不该被隐藏"
          maxLength={APPEAL_MAX}
          confirmText="提交申诉"
          busyText="正在提交…"
          keepText="取消"
          schema={appealSchema}
          send={(reason) => appeal(communityId, appealing, reason)}
          onDone={() => {
            setAppealing(null);
            void Taro.showToast({ title: '已提交申诉', icon: 'none' });
          }}
          onClose={() => setAppealing(null)}
        />
      ) : null}
      {reporting && communityId ? (
        <ReportDialog
          communityId={communityId}
          subject={reporting.subject}
          subjectId={reporting.subjectId}
          onClose={() => setReporting(null)}
        />
      ) : null}
    </PageShell>
  );
}
