import { Text, View } from '@tarojs/components';
import { useRentalToday } from '../../hooks/rentals-admin';
import { cx } from '../../lib/format';
import { go, routes } from '../../lib/routes';

/**
 * 工作台's 社区租赁 line: today's pick-ups, returns, overdue and bookings to confirm, each opening
 * the desk. Nothing is shown while it loads, on a refusal, or when every count is 0 (no rental
 * service, or a quiet day), so the other counts stay as they were.
 */
export function RentalTodayCounts(props: { communityId: number }) {
  const today = useRentalToday(props.communityId);
  const d = today.data;
  if (!d) return null;
  const counts = [
    { id: 'rental-count-pickups', label: '今日领取', value: d.pickups.length },
    { id: 'rental-count-returns', label: '今日归还', value: d.returns.length },
    { id: 'rental-count-overdue', label: '借用已逾期', value: d.overdue.length, strong: d.overdue.length > 0 },
    { id: 'rental-count-pending', label: '租赁待确认', value: d.pending.length, strong: d.pending.length > 0 },
  ];
  if (counts.every((c) => c.value === 0) && d.offers.length === 0) return null;
  return (
    <View className="admin-grid" id="admin-rental-counts">
      {counts.map((c) => (
        <View key={c.id} className="admin-cell">
          <View className="card count-card" id={c.id} onClick={() => go(routes.adminRentals)}>
            <Text className={cx('t-hero t-block count-value', c.strong && 't-danger')}>{c.value}</Text>
            <Text className="t-body t-block">{c.label}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
