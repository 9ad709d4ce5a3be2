import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { type NoticeCategory, noticeCategories, noticeCategoryLabels } from '../../../../shared/enums';
import { currentMembership, ensureSession, useSession } from '../../../api/session';
import { ListState } from '../../../components/ListState';
import { CategoryTag } from '../../../components/notice/NoticeView';
import { PageShell } from '../../../components/PageShell';
import { Empty } from '../../../components/StateView';
import { type NoticeListItem, useNotices } from '../../../hooks/notices';
import { cx, formatDateTime } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import '../notices.css';

/** 通知公告 of one community (the page's ?communityId=, else the resident's current community). */
export default function NoticeList() {
  const session = useSession();
  const current = currentMembership(session.me);
  const communityId = intParam(useRouter().params.communityId) ?? current?.communityId ?? null;
  const [category, setCategory] = useState<NoticeCategory | null>(null);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const signedIn = session.status === 'signed-in';
  // Signed out, the list holds the public notices; signing in adds the residents' ones.
  const list = useNotices(communityId, { category, q: q.trim() }, signedIn);

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: current && current.communityId === communityId ? `${current.communityName}的通知公告` : '社区通知公告',
    path: communityId ? routes.notices(communityId) : routes.home,
  }));

  const open = (n: NoticeListItem) => {
    if (n.unread) list.update((items) => items.map((x) => (x.id === n.id ? { ...x, unread: false } : x)));
    go(routes.notice(n.communityId, n.id));
  };

  if (communityId === null) {
    return (
      <PageShell id="notices" title="通知公告">
        <Empty id="notices-no-community" text="加入社区后，这里会显示居委发布的通知。">
          <Button id="notices-find" className="btn btn--primary" onClick={() => go(routes.committees)}>
            找居委，申请加入
          </Button>
        </Empty>
      </PageShell>
    );
  }

  return (
    <PageShell id="notices" title="通知公告">
      <View className="search-bar row">
        <Input
          id="notices-search"
          className="input grow"
          value={draft}
          placeholder="搜索通知"
          confirmType="search"
          maxlength={30}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setQ(draft)}
        />
        <Button id="notices-search-submit" className="btn btn--primary search-btn" onClick={() => setQ(draft)}>
          搜索
        </Button>
      </View>
      <View className="chips notices-chips" id="notices-chips">
        <View
          id="notices-chip-all"
          className={cx('chip', category === null && 'chip--on')}
          onClick={() => setCategory(null)}
        >
          全部
        </View>
        {noticeCategories.map((c) => (
          <View
            key={c}
            id={`notices-chip-${c}`}
            className={cx('chip', category === c && 'chip--on')}
            onClick={() => setCategory(c)}
          >
            {noticeCategoryLabels[c]}
          </View>
        ))}
      </View>

      <ListState list={list} emptyText={q.trim() || category ? '没有找到相关的通知' : '居委还没有发布通知'}>
        {(items) => items.map((n) => <NoticeRow key={n.id} notice={n} onOpen={() => open(n)} />)}
      </ListState>
    </PageShell>
  );
}

function NoticeRow(props: { notice: NoticeListItem; onOpen: () => void }) {
  const n = props.notice;
  return (
    <View
      id={`notice-${n.id}`}
      className={cx(
        'item',
        'notice-item',
        n.unread && 'notice-item--unread',
        n.category === 'urgent' && 'notice-item--urgent',
      )}
      onClick={props.onOpen}
    >
      <View className="row row--wrap notice-item-tags">
        <CategoryTag category={n.category} />
        {n.pinned ? <Text className="tag tag--info notice-tag">置顶</Text> : null}
        {n.signupOpen ? (
          <Text className="tag tag--ok notice-tag" id={`notice-signup-${n.id}`}>
            报名中
          </Text>
        ) : null}
        {n.expired ? (
          <Text className="tag tag--off notice-tag" id={`notice-expired-${n.id}`}>
            已过期
          </Text>
        ) : null}
        {n.unread ? (
          <View className="row notice-unread" id={`notice-unread-${n.id}`}>
            <View className="notice-dot" />
            <Text className="t-small notice-unread-text">未读</Text>
          </View>
        ) : null}
      </View>
      <Text className="item-title t-block notice-item-title">{n.title}</Text>
      {n.excerpt ? <Text className="item-line t-body notice-excerpt">{n.excerpt}</Text> : null}
      <Text className="item-line t-small">{formatDateTime(n.publishedAt)}</Text>
    </View>
  );
}
