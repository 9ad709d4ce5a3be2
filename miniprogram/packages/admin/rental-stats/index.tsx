import '../../../components/agora/agora.css';
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { rentalCategoryLabels } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { chinaToday, shiftMonth } from '../../../components/rentals-admin/money';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { useRentalUtilisation } from '../../../hooks/rentals-admin';

/** 租赁统计: per item type and month, how many units, days in use over days available, bookings, waiting. */
export default function AdminRentalStats() {
  return (
    <AdminShell id="admin-rental-stats" section="rental-stats">
      {(communityId) => <Stats communityId={communityId} />}
    </AdminShell>
  );
}

function Stats({ communityId }: { communityId: number }) {
  const [month, setMonth] = useState(chinaToday().slice(0, 7));
  const stats = useRentalUtilisation(communityId, month);
  return (
    <View id="rental-stats">
      <View className="row row--between" id="stats-month">
        <Button id="stats-prev" className="btn btn--plain btn--small" onClick={() => setMonth(shiftMonth(month, -1))}>
          上个月
        </Button>
        <Text className="t-title" id="stats-month-text">
          {month.replace('-', '年')}月
        </Text>
        <Button id="stats-next" className="btn btn--plain btn--small" onClick={() => setMonth(shiftMonth(month, 1))}>
          下个月
        </Button>
      </View>
      {stats.loading && !stats.data ? <Loading /> : null}
      {stats.error ? <ErrorState error={stats.error} onRetry={stats.reload} admin /> : null}
      {stats.data && stats.data.items.length === 0 ? <Empty text="这个月没有器具" /> : null}
      {stats.data && stats.data.items.length > 0 ? (
        <View className="card gap-top" id="stats-table">
          <View className="agora-table-row t-small">
            <Text className="grow">器具</Text>
            <Text>件数</Text>
            <Text>在用/可用天数</Text>
            <Text>使用率</Text>
            <Text>预约</Text>
            <Text>排队</Text>
          </View>
          {stats.data.items.map((r) => (
            <View key={r.itemTypeId} className="agora-table-row" id={`stats-row-${r.itemTypeId}`}>
              <Text className="t-body grow">
                {r.name}（{rentalCategoryLabels[r.category]}）
              </Text>
              <Text className="t-body">{r.units}件</Text>
              <Text className="t-body">
                {r.heldDays}/{r.serviceDays}
              </Text>
              <Text className="t-body" id={`stats-row-${r.itemTypeId}-percent`}>
                {r.percent}%
              </Text>
              <Text className="t-body">{r.bookings}</Text>
              <Text className="t-body">{r.waiting}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
