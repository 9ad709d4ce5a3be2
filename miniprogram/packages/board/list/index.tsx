import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { currentMembership, ensureSession, useSession } from '../../../api/session';
import { BoardFilters } from '../../../components/board/BoardFilters';
import { MembersOnly } from '../../../components/board/MembersOnly';
import { PostCard } from '../../../components/board/PostCard';
import { ListState } from '../../../components/ListState';
import { PageShell } from '../../../components/PageShell';
import { Empty } from '../../../components/StateView';
import { type BoardFilter, type PostListItem, useBoardPosts } from '../../../hooks/board';
import { go, intParam, routes } from '../../../lib/routes';

const firstFilter: BoardFilter = { kind: null, category: null, official: false, sort: 'newest', q: '', mine: false };

/** 留言板 of a community (?communityId=, else the current one); ?mine=1 is 我的留言. */
export default function BoardList() {
  const params = useRouter().params;
  const session = useSession();
  const current = currentMembership(session.me);
  const communityId = intParam(params.communityId) ?? current?.communityId ?? null;
  const mine = params.mine === '1';
  const [filter, setFilter] = useState<BoardFilter>({ ...firstFilter, mine });
  const [choosing, setChoosing] = useState(false);
  const signedIn = session.status === 'signed-in';
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved') ?? null;
  const list = useBoardPosts(communityId, filter, signedIn && member !== null);
  const title = mine ? '我的留言' : '留言板';

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  // Back from a post or from posting: the counts and statuses may have changed.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && member) void list.reload();
    shown.current = true;
  });
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: member ? `${member.communityName}的留言板` : '社区留言板',
    path: communityId ? routes.boardList(communityId) : routes.home,
  }));

  const open = (p: PostListItem) => go(routes.boardDetail(p.communityId, p.id));
  const forbidden = list.error?.code === 'FORBIDDEN' || list.error?.code === 'NOT_FOUND';

  if (communityId === null || (signedIn && (!member || forbidden)) || session.status === 'signed-out') {
    return (
      <PageShell id="board" title={title}>
        <MembersOnly id="board-members-only" communityId={communityId} signedIn={signedIn} what="留言板" />
      </PageShell>
    );
  }

  const filtered = filter.q || filter.kind || filter.official;
  return (
    <PageShell id="board" title={title}>
      {member?.role !== 'resident' ? null : choosing ? (
        <View className="card" id="board-compose-choice">
          <Text className="t-title t-block">您想做什么？</Text>
          <Button
            id="board-compose-post"
            className="btn btn--primary btn--block gap-top"
            onClick={() => go(routes.boardCompose(communityId, 'post'))}
          >
            发留言（求助、建议、投诉、闲聊、表扬）
          </Button>
          <Button
            id="board-compose-matter"
            className="btn btn--primary btn--block gap-top"
            onClick={() => go(routes.boardCompose(communityId, 'matter'))}
          >
            报小事快办（路灯坏了、消防通道堵了…）
          </Button>
          <Button id="board-compose-cancel" className="btn btn--plain btn--block" onClick={() => setChoosing(false)}>
            取消
          </Button>
        </View>
      ) : (
        <Button
          id="board-compose"
          className="btn btn--primary btn--block board-toolbar"
          onClick={() => setChoosing(true)}
        >
          ＋ 发布
        </Button>
      )}
      <BoardFilters filter={filter} onChange={setFilter} />
      {member ? (
        <ListState
          list={list}
          emptyText={filtered ? '没有找到相关的留言' : mine ? '您还没有发过留言' : '还没有人留言，来说第一句吧'}
        >
          {(items) => items.map((p) => <PostCard key={p.id} post={p} onOpen={() => open(p)} />)}
        </ListState>
      ) : (
        <Empty id="board-waiting" text="正在登录…" />
      )}
      <View className="row row--between gap-top">
        <Text id="board-moderation-log" className="link t-body" onClick={() => go(routes.moderationLog(communityId))}>
          公开处理记录
        </Text>
        {mine ? null : (
          <Text
            id="board-mine"
            className="link t-body"
            onClick={() => go(routes.boardList(communityId, { mine: true }))}
          >
            我的留言
          </Text>
        )}
      </View>
    </PageShell>
  );
}
