import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { NoticeAdmin } from '../../../../shared/contracts/notices';
import { AdminShell } from '../../../components/AdminShell';
import { ListState } from '../../../components/ListState';
import { belongsTo, type NoticeTab, noticeTabs, useAdminNotices } from '../../../hooks/notices-admin';
import { cx } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';
import { NoticeRow } from './NoticeRow';
import { WithdrawDialog } from './WithdrawDialog';
import './index.css';

export default function AdminNotices() {
  return (
    <AdminShell id="admin-notices" section="notices">
      {(communityId) => <NoticeList communityId={communityId} />}
    </AdminShell>
  );
}

const emptyTexts: Record<NoticeTab, string> = {
  all: '还没有写过通知',
  draft: '没有草稿',
  scheduled: '没有定时发布的通知',
  published: '没有已发布的通知',
  withdrawn: '没有撤回的通知',
};

function NoticeList({ communityId }: { communityId: number }) {
  const [tab, setTab] = useState<NoticeTab>('all');
  const [withdrawing, setWithdrawing] = useState<NoticeAdmin | null>(null);
  const list = useAdminNotices(communityId, tab);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown = useRef(false);
  useDidShow(() => {
    // Back from the compose page: a notice was saved or published.
    if (shown.current) void list.reload();
    shown.current = true;
  });

  // A notice changed by an action stays in the tab if it still belongs there.
  const changed = (next: NoticeAdmin) =>
    list.update((items) =>
      belongsTo(next, tab) ? items.map((x) => (x.id === next.id ? next : x)) : items.filter((x) => x.id !== next.id),
    );

  return (
    <View>
      <View className="row row--wrap notices-head">
        <View className="chips tabs grow" id="notice-tabs">
          {noticeTabs.map((t) => (
            <View
              key={t.tab}
              id={`notice-tab-${t.tab}`}
              className={cx('chip', t.tab === tab && 'chip--on')}
              onClick={() => setTab(t.tab)}
            >
              {t.label}
            </View>
          ))}
        </View>
        <Button id="notice-new" className="btn btn--primary notices-new" onClick={() => go(routes.adminNoticeEdit())}>
          写通知
        </Button>
      </View>
      <ListState list={list} admin itemsClassName="admin-list" emptyText={emptyTexts[tab]}>
        {(items) =>
          items.map((n) => (
            <NoticeRow
              key={n.id}
              communityId={communityId}
              notice={n}
              onChanged={changed}
              onWithdraw={() => setWithdrawing(n)}
            />
          ))
        }
      </ListState>
      {withdrawing ? (
        <WithdrawDialog
          communityId={communityId}
          notice={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={(next) => {
            setWithdrawing(null);
            changed(next);
          }}
        />
      ) : null}
    </View>
  );
}
