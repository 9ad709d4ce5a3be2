import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { voteStatusLabels } from '../../../shared/enums';
import { currentMembership, ensureSession, useSession } from '../../api/session';
import { TopicCard } from '../../components/agora/TopicCard';
import { MembersOnly } from '../../components/board/MembersOnly';
import { ListState } from '../../components/ListState';
import { PageShell } from '../../components/PageShell';
import { Empty } from '../../components/StateView';
import { type TopicFilter, useTopics, useVotes, type VoteListItem } from '../../hooks/agora';
import { cx, formatDateTime } from '../../lib/format';
import { go, intParam, routes } from '../../lib/routes';
import '../../components/agora/resident.css';

type Tab = Exclude<TopicFilter, 'all'> | 'votes';

const tabs: { value: Tab; label: string }[] = [
  { value: 'collecting', label: '征集中' },
  { value: 'in_progress', label: '进行中' },
  { value: 'voting', label: '投票中' },
  { value: 'done', label: '已完成' },
  { value: 'votes', label: '快速投票' },
];

const emptyTexts: Record<Tab, string> = {
  collecting: '现在没有征集附议的议题，有想法可以点「我要提议」',
  in_progress: '现在没有正在办的议题',
  voting: '现在没有正在投票的议题',
  done: '还没有已完成的议题',
  votes: '现在没有快速投票',
};

function VoteCard(props: { vote: VoteListItem; onOpen: () => void }) {
  const v = props.vote;
  return (
    <View className="item" id={`vote-${v.id}`} onClick={props.onOpen}>
      <View className="board-tags">
        <Text className={cx('tag agora-stage', v.status === 'open' ? 'tag--warn' : 'tag--off')}>
          {voteStatusLabels[v.status]}
        </Text>
        {v.voted ? <Text className="tag tag--ok agora-stage">您已投票</Text> : null}
      </View>
      <Text className="agora-card-title t-block">{v.title}</Text>
      <Text className="t-body t-block" id={`vote-${v.id}-turnout`}>
        已有 {v.turnout.ballots} / {v.turnout.electors} 户投票
      </Text>
      <Text className="t-small t-block">
        {v.status === 'open' ? `${formatDateTime(v.closesAt)}截止` : `${formatDateTime(v.closedAt ?? v.closesAt)}结束`}
      </Text>
    </View>
  );
}

/** 议事厅 of a community (?communityId=, else the current one): topics by stage, 快速投票, 住户守则. */
export default function AgoraIndex() {
  const params = useRouter().params;
  const session = useSession();
  const current = currentMembership(session.me);
  const communityId = intParam(params.communityId) ?? current?.communityId ?? null;
  const mine = params.mine === '1';
  const [tab, setTab] = useState<Tab>(params.tab === 'votes' ? 'votes' : 'collecting');
  const signedIn = session.status === 'signed-in';
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved') ?? null;
  const topics = useTopics(
    communityId,
    mine ? 'all' : tab === 'votes' ? 'all' : tab,
    signedIn && member !== null && (mine || tab !== 'votes'),
    mine,
  );
  const votes = useVotes(communityId, signedIn && member !== null && !mine && tab === 'votes');
  const title = mine ? '我的议题' : '议事厅';

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && member) void (tab === 'votes' ? votes.reload() : topics.reload());
    shown.current = true;
  });
  useReachBottom(() => void (tab === 'votes' ? votes.loadMore() : topics.loadMore()));
  usePullDownRefresh(() => {
    void (tab === 'votes' ? votes.reload() : topics.reload()).finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: member ? `${member.communityName}的议事厅` : '社区议事厅',
    path: communityId ? routes.agora(communityId) : routes.home,
  }));

  const forbidden = (tab === 'votes' ? votes : topics).error?.code;
  if (
    communityId === null ||
    session.status === 'signed-out' ||
    (signedIn && (!member || forbidden === 'FORBIDDEN' || forbidden === 'NOT_FOUND'))
  ) {
    return (
      <PageShell id="agora" title={title}>
        <MembersOnly id="agora-members-only" communityId={communityId} signedIn={signedIn} what="议事厅" />
      </PageShell>
    );
  }

  return (
    <PageShell id="agora" title={title}>
      {mine ? null : (
        <View className="card">
          <Text className="t-body t-block">
            小区的事大家商量：居民提议题，邻居附议，居委会审核后大家讨论、投票，办完再评价。
          </Text>
          {member?.role === 'resident' ? (
            <Button
              id="agora-propose"
              className="btn btn--primary btn--block gap-top"
              onClick={() => go(routes.agoraPropose(communityId))}
            >
              ＋ 我要提议
            </Button>
          ) : null}
          <Button
            id="agora-rules"
            className="btn btn--plain btn--block"
            onClick={() => go(routes.houseRules(communityId))}
          >
            住户守则
          </Button>
          <Text
            id="agora-mine"
            className="link t-body t-block gap-top"
            onClick={() => go(routes.agora(communityId, { mine: true }))}
          >
            我的议题
          </Text>
        </View>
      )}
      {mine ? null : (
        <View className="chips agora-tabs board-chips" id="agora-tabs">
          {tabs.map((t) => (
            <View
              key={t.value}
              id={`agora-tab-${t.value}`}
              className={cx('chip', tab === t.value && 'chip--on')}
              onClick={() => setTab(t.value)}
            >
              {t.label}
            </View>
          ))}
        </View>
      )}
      {!member ? (
        <Empty id="agora-waiting" text="正在登录…" />
      ) : !mine && tab === 'votes' ? (
        <ListState list={votes} emptyText={emptyTexts.votes}>
          {(items) =>
            items
              .filter((v) => v.topicId === null)
              .map((v) => <VoteCard key={v.id} vote={v} onOpen={() => go(routes.vote(communityId, v.id))} />)
          }
        </ListState>
      ) : (
        <ListState list={topics} emptyText={mine ? '您还没有提过议题' : emptyTexts[tab]}>
          {(items) =>
            items.map((t) => <TopicCard key={t.id} topic={t} onOpen={() => go(routes.topic(communityId, t.id))} />)
          }
        </ListState>
      )}
    </PageShell>
  );
}
