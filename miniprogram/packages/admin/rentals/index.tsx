import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import type { StaffBookingView } from '../../../../shared/contracts/rentals';
import { AdminShell } from '../../../components/AdminShell';
import { BookingRow } from '../../../components/rentals-admin/BookingRow';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { useRentalToday } from '../../../hooks/rentals-admin';
import { go, routes } from '../../../lib/routes';

/** 租赁服务台: today at the community's points — pick-ups, returns, overdue (with phones), to confirm, offers. */
export default function AdminRentals() {
  return (
    <AdminShell id="admin-rentals" section="rentals">
      {(communityId) => <Today communityId={communityId} />}
    </AdminShell>
  );
}

const sections = [
  { key: 'pickups', title: '今日领取', empty: '今天没有人来领取' },
  { key: 'returns', title: '今日归还', empty: '今天没有要归还的' },
  { key: 'overdue', title: '已逾期', empty: '没有逾期未还的' },
  { key: 'pending', title: '待确认', empty: '没有要确认的预约' },
  { key: 'offers', title: '保留中的排队', empty: '没有保留中的排队' },
] as const;

function Today({ communityId }: { communityId: number }) {
  const today = useRentalToday(communityId);
  usePullDownRefresh(() => {
    void today.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void today.reload();
    shown.current = true;
  });
  if (today.loading && !today.data) return <Loading />;
  if (today.error) return <ErrorState id="rentals-today-error" error={today.error} onRetry={today.reload} admin />;
  if (!today.data) return <Loading />;
  const d = today.data;
  return (
    <View id="rentals-today">
      <Text className="t-small t-block">{d.date}</Text>
      <View className="row row--wrap" id="rentals-counts">
        {sections.map((s) => (
          <View key={s.key} className="card rental-count" id={`rentals-count-${s.key}`}>
            <Text className="t-hero t-block">{d[s.key].length}</Text>
            <Text className="t-body">{s.title}</Text>
          </View>
        ))}
      </View>
      <View className="btn-row gap-top">
        <Button id="rentals-all" className="btn btn--plain" onClick={() => go(routes.adminRentalBookings())}>
          全部预约
        </Button>
        <Button id="rentals-stock" className="btn btn--plain" onClick={() => go(routes.adminRentalStock)}>
          器具库存
        </Button>
      </View>
      {sections.map((s) => (
        <Section key={s.key} id={`rentals-${s.key}`} title={s.title} empty={s.empty} items={d[s.key]} />
      ))}
    </View>
  );
}

function Section(props: { id: string; title: string; empty: string; items: StaffBookingView[] }) {
  return (
    <View className="card gap-top" id={props.id}>
      <Text className="section-title">
        {props.title}（{props.items.length}）
      </Text>
      {props.items.length === 0 ? (
        <Empty text={props.empty} />
      ) : (
        <View className="admin-list">
          {props.items.map((b) => (
            <BookingRow key={b.id} booking={b} idPrefix={props.id} showPhone />
          ))}
        </View>
      )}
    </View>
  );
}
