import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useEffect } from 'react';
import { voteElectorateLabels, voteStatusLabels } from '../../../../shared/enums';
import { ensureSession, signInWithWechat, useSession } from '../../../api/session';
import { BallotForm, BallotSummary } from '../../../components/agora/BallotForm';
import { AcceptProxy, GrantProxy } from '../../../components/agora/Proxy';
import { ResultBars, ThresholdLine } from '../../../components/agora/ResultView';
import { outcomeText } from '../../../components/agora/text';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { agora, isOutsider, useVote, type VoteDetail } from '../../../hooks/agora';
import { formatDateTime } from '../../../lib/format';
import { enableGroupShareMenu, useVoteGroup } from '../../../lib/group-share';
import { go, intParam, routes } from '../../../lib/routes';
import '../../../components/agora/resident.css';

function VoteHead(props: { vote: VoteDetail; groupHouseholds: number | null }) {
  const v = props.vote;
  return (
    <View className="card" id="vote-head">
      <Text className="t-hero t-block agora-text" id="vote-title">
        {v.title}
      </Text>
      {v.topicId && v.topicTitle ? (
        <Text
          className="link t-body t-block"
          id="vote-topic"
          onClick={() => go(routes.topic(v.communityId, v.topicId as number))}
        >
          议题：{v.topicTitle}
        </Text>
      ) : null}
      {v.description ? (
        <Text className="t-body t-block gap-top agora-text" id="vote-description">
          {v.description}
        </Text>
      ) : null}
      <Text className="t-title t-block gap-top" id="vote-status">
        {v.status === 'open' ? `投票中，${formatDateTime(v.closesAt)}截止（北京时间）` : voteStatusLabels[v.status]}
      </Text>
      <Text className="t-body t-block" id="vote-turnout">
        已有 {v.turnout.ballots} / {v.turnout.electors} 户投票
      </Text>
      {props.groupHouseholds !== null ? (
        <Text className="t-body t-block agora-met" id="vote-group">
          本群已有 {props.groupHouseholds} 户参与
        </Text>
      ) : null}
    </View>
  );
}

function VoteRule(props: { vote: VoteDetail }) {
  const v = props.vote;
  return (
    <View className="card" id="vote-rule">
      <Text className="t-title t-block">怎么算通过</Text>
      {v.ruleText.map((line, i) => (
        // The server's lines in order; never reordered.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Text key={i} className="t-body t-block" id={`vote-rule-${i}`}>
          {line}
        </Text>
      ))}
      <Text className="t-body t-block gap-top" id="vote-electorate">
        谁可以投：{voteElectorateLabels[v.electorate]}
        {v.buildings?.length ? `，限${v.buildings.map((b) => b.name).join('、')}` : '，全小区'}
      </Text>
      {v.silentMajority && v.silentMajorityBasis ? (
        <Text className="t-small t-block gap-top">
          已送达但未表态的业主按多数意见计入（依据：{v.silentMajorityBasis}）
        </Text>
      ) : null}
    </View>
  );
}

/** The ballot page: the rule in words, who may vote, the choice, 委托投票, live figures, then 公示. */
export default function AgoraVote() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const voteId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const group = useVoteGroup(voteId, signedIn, (id, encryptedData, iv) =>
    agora.registerGroup({ communityId: communityId as number, voteId: id }, encryptedData, iv),
  );
  const vote = useVote(communityId, voteId, signedIn && !group.pending, group.key);
  const v = vote.data;

  useEffect(() => {
    ensureSession().catch(() => undefined);
    enableGroupShareMenu();
  }, []);
  useShareAppMessage(() => ({
    title: v ? `请投票：${v.title}` : '社区投票',
    path: communityId && voteId ? routes.vote(communityId, voteId) : routes.home,
  }));
  // 朋友圈 opens the page alone (single-page mode): the card shows the title; voting needs the app.
  useShareTimeline(() => ({
    title: v ? `请投票：${v.title}` : '社区投票',
    query: communityId && voteId ? `id=${voteId}&communityId=${communityId}` : '',
  }));

  const alone = Taro.getCurrentPages().length <= 1;
  const code = vote.error?.code;
  const outsider = code === 'NOT_FOUND' && isOutsider(session, communityId);
  const missing = communityId === null || voteId === null || (code === 'NOT_FOUND' && !outsider);
  const membersOnly = code === 'FORBIDDEN' || outsider || session.status === 'signed-out';
  const key = { communityId: communityId as number, voteId: voteId as number };
  const set = (next: VoteDetail) => vote.setData(next);

  let content: JSX.Element | null = null;
  if (missing) {
    content = (
      <View className="state" id="vote-missing">
        <Text className="state-text t-body">没有找到这次投票</Text>
      </View>
    );
  } else if (membersOnly) {
    content = (
      <View className="card" id="vote-members-only">
        <Text className="t-title t-block">加入本社区后可以投票</Text>
        <Text className="t-body t-block gap-top">投票只给本社区的居民。住在这里？申请加入后就能参加。</Text>
        <Button
          id="vote-join"
          className="btn btn--primary btn--block gap-top"
          onClick={() => go(routes.join(key.communityId))}
        >
          申请加入
        </Button>
        {signedIn ? null : (
          <Button
            id="vote-sign-in"
            className="btn btn--plain btn--block"
            onClick={() => signInWithWechat().catch(() => undefined)}
          >
            我已经是居民，登录投票
          </Button>
        )}
      </View>
    );
  } else if (vote.error) {
    content = <ErrorState error={vote.error} onRetry={vote.reload} />;
  } else if (!v) {
    content = <Loading />;
  } else {
    const open = v.status === 'open';
    content = (
      <View>
        <VoteHead vote={v} groupHouseholds={v.groupHouseholds ?? group.households} />
        <VoteRule vote={v} />
        {v.ineligibleReason ? (
          <View className="card board-note" id="vote-ineligible">
            <Text className="t-title t-block">您家这次不能投票</Text>
            <Text className="t-body t-block gap-top" id="vote-ineligible-text">
              {v.ineligibleReason}
            </Text>
          </View>
        ) : null}
        {v.myBallot ? <BallotSummary id="my-ballot" vote={v} ballot={v.myBallot} /> : null}
        {open && !v.ineligibleReason ? (
          <View className="card" id="vote-ballot">
            <Text className="t-title t-block">{v.myBallot ? '改成' : '请选择'}</Text>
            <BallotForm
              id="ballot"
              vote={v}
              ballot={v.myBallot}
              who="您家"
              cast={(ids) => agora.cast(key, ids)}
              onCast={set}
            />
          </View>
        ) : null}
        {v.proxyFor.length ? (
          <View id="vote-proxy-for">
            {v.proxyFor.map((h) => (
              <View key={h.electorId} className="card" id={`proxy-for-${h.electorId}`}>
                <Text className="t-title t-block">代投：{h.householdLabel}</Text>
                {h.ballot ? <BallotSummary id={`proxy-for-${h.electorId}-ballot`} vote={v} ballot={h.ballot} /> : null}
                {open ? (
                  <BallotForm
                    id={`proxy-ballot-${h.electorId}`}
                    vote={v}
                    ballot={h.ballot}
                    who={`替${h.householdLabel}`}
                    cast={(ids) => agora.cast(key, ids, h.electorId)}
                    onCast={set}
                  />
                ) : null}
              </View>
            ))}
          </View>
        ) : null}
        {open && !v.ineligibleReason && (v.myProxy || !v.myBallot) && v.proxyCap > 0 ? (
          <GrantProxy vote={v} onChange={() => void vote.reload()} />
        ) : null}
        {open ? (
          <AcceptProxy
            communityId={key.communityId}
            voteId={key.voteId}
            onAccepted={(id) => {
              if (id === key.voteId) void vote.reload();
              else go(routes.vote(key.communityId, id));
            }}
          />
        ) : null}
        {v.result ? (
          <View className="card" id="vote-result">
            <Text className="t-title t-block">{open ? '目前的票数' : '结果'}</Text>
            {open ? null : (
              <Text className="agora-outcome t-block" id="vote-outcome">
                {outcomeText(v.result.outcome)}
              </Text>
            )}
            <ResultBars result={v.result} electorate={v.electorate} />
            {v.result.participation.map((t) => (
              <ThresholdLine key={t.key} id={`vote-participation-${t.key}`} t={t} />
            ))}
          </View>
        ) : open ? (
          <Text className="t-small t-block" id="vote-result-hidden">
            {v.anonymous ? '这是无记名投票，' : ''}结果在投票结束后公布。
          </Text>
        ) : null}
        {v.status === 'closed' ? (
          <Button
            id="vote-publicity"
            className="btn btn--primary btn--block"
            onClick={() => go(routes.voteResult(v.communityId, v.id))}
          >
            看结果公示
          </Button>
        ) : null}
      </View>
    );
  }

  return (
    <PageShell id="agora-vote" title="投票">
      {content}
      {alone || missing ? (
        <Button id="vote-back-home" className="btn btn--plain btn--block gap-top" onClick={() => go(routes.home)}>
          回首页
        </Button>
      ) : null}
    </PageShell>
  );
}
