import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef } from 'react';
import { voteElectorateLabels, voteStatusLabels } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { ListState } from '../../../components/ListState';
import { type StaffVoteItem, useStaffVotes } from '../../../hooks/agora-admin';
import { cx, formatDateTime } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';

/** 投票管理: every vote with its status, turnout and how the ballots came in. */
export default function AdminVotes() {
  return (
    <AdminShell id="admin-votes" section="votes">
      {(communityId) => <Votes communityId={communityId} />}
    </AdminShell>
  );
}

function Votes({ communityId }: { communityId: number }) {
  const list = useStaffVotes(communityId);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <View>
      <Button id="votes-new" className="btn btn--primary" onClick={() => go(routes.adminVoteNew())}>
        新建投票
      </Button>
      <View className="gap-top">
        <ListState list={list} admin itemsClassName="admin-list" emptyText="还没有投票">
          {(items) => items.map((v) => <VoteRow key={v.id} vote={v} />)}
        </ListState>
      </View>
    </View>
  );
}

function VoteRow({ vote: v }: { vote: StaffVoteItem }) {
  return (
    <View id={`vote-${v.id}`} className="item" onClick={() => go(routes.adminVote(v.id))}>
      <View className="row row--between">
        <Text className="item-title grow">{v.title}</Text>
        <Text className={cx('tag', v.status === 'open' && 'tag--ok', v.status === 'cancelled' && 'tag--off')}>
          {voteStatusLabels[v.status]}
        </Text>
      </View>
      <Text className="item-line t-body" id={`vote-${v.id}-turnout`}>
        已投 {v.turnout.ballots}/{v.turnout.electors} · 本人{v.byChannel.self} 委托{v.byChannel.proxy} 代录
        {v.byChannel.paper}
      </Text>
      <Text className="item-line t-small">
        {voteElectorateLabels[v.electorate]} · 截止 {formatDateTime(v.closesAt)}
      </Text>
    </View>
  );
}
