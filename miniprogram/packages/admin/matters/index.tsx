import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import {
  type MatterCategory,
  type MatterRoute,
  matterCategories,
  matterCategoryLabels,
} from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { ListState } from '../../../components/ListState';
import { useAdminCommunity } from '../../../hooks/admin';
import { type MatterTab, matterTabs, useMatterList } from '../../../hooks/matters-admin';
import { cx } from '../../../lib/format';
import { MatterCard } from './MatterCard';
import './index.css';

/** 小事快办 board: the committee's staff see every matter, a property handler those routed to 物业. */
export default function AdminMatters() {
  return (
    <AdminShell id="admin-matters" section="matters">
      {(communityId) => <MatterBoard communityId={communityId} />}
    </AdminShell>
  );
}

const routeChips: Array<{ value: MatterRoute | null; label: string }> = [
  { value: null, label: '全部' },
  { value: 'committee', label: '居委处理' },
  { value: 'property', label: '物业处理' },
];

function MatterBoard({ communityId }: { communityId: number }) {
  const admin = useAdminCommunity();
  const [status, setStatus] = useState<MatterTab>('accepted');
  const [category, setCategory] = useState<MatterCategory | null>(null);
  const [route, setRoute] = useState<MatterRoute | null>(null);
  const list = useMatterList(communityId, { status, matterCategory: category, route });
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown = useRef(false);
  useDidShow(() => {
    // Back from a matter: it may have moved to another column.
    if (shown.current) void list.reload();
    shown.current = true;
  });

  return (
    <View>
      {admin.isHandler ? (
        <Text className="t-small t-block" id="matters-handler-note">
          这里是转给物业处理的小事快办。
        </Text>
      ) : null}
      <View className="chips tabs" id="matter-tabs">
        {matterTabs.map((t) => (
          <View
            key={t.status}
            id={`matter-tab-${t.status}`}
            className={cx('chip', t.status === status && 'chip--on')}
            onClick={() => setStatus(t.status)}
          >
            {t.label}
          </View>
        ))}
      </View>
      <View className="chips" id="matter-categories">
        <View
          id="matter-category-all"
          className={cx('chip', category === null && 'chip--on')}
          onClick={() => setCategory(null)}
        >
          全部类别
        </View>
        {matterCategories.map((c) => (
          <View
            key={c}
            id={`matter-category-${c}`}
            className={cx('chip', category === c && 'chip--on')}
            onClick={() => setCategory(c)}
          >
            {matterCategoryLabels[c]}
          </View>
        ))}
      </View>
      {admin.isHandler ? null : (
        <View className="chips" id="matter-routes">
          {routeChips.map((r) => (
            <View
              key={r.label}
              id={`matter-route-${r.value ?? 'all'}`}
              className={cx('chip', route === r.value && 'chip--on')}
              onClick={() => setRoute(r.value)}
            >
              {r.label}
            </View>
          ))}
        </View>
      )}
      <ListState list={list} admin itemsClassName="admin-list" emptyText="这一栏没有事项">
        {(items) => items.map((m) => <MatterCard key={m.id} matter={m} />)}
      </ListState>
    </View>
  );
}
