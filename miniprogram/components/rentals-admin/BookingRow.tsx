import { Text, View } from '@tarojs/components';
import type { StaffBookingView } from '../../../shared/contracts/rentals';
import { rentalBookingStatusLabels } from '../../../shared/enums';
import { cx } from '../../lib/format';
import { callPhone } from '../../lib/phone';
import { go, routes } from '../../lib/routes';

/** One booking on the desk or in a list: item, unit, dates, who (household, community), opens the detail. */
export function BookingRow(props: { booking: StaffBookingView; idPrefix?: string; showPhone?: boolean }) {
  const b = props.booking;
  const id = `${props.idPrefix ?? 'booking'}-${b.id}`;
  return (
    <View id={id} className="item" onClick={() => go(routes.adminRentalBooking(b.id))}>
      <View className="row row--between">
        <Text className="item-title grow">
          {b.itemName}
          {b.unitTag ? `（${b.unitTag}）` : ''}
        </Text>
        <Text className={cx('tag', b.overdueDays > 0 && 'tag--warn', b.status === 'pending' && 'tag--warn')}>
          {b.overdueDays > 0 ? `逾期${b.overdueDays}天` : rentalBookingStatusLabels[b.status]}
        </Text>
      </View>
      <Text className="item-line t-body" id={`${id}-who`}>
        {b.communityName} {b.householdLabel}
        {b.bookerName ? ` · ${b.bookerName}` : ''}
        {b.forName ? ` · 给${b.forRelation ?? ''}${b.forName}用` : ''}
      </Text>
      <Text className="item-line t-small">
        {b.startOn} 至 {b.endOn}
        {b.handover === 'delivery' ? ' · 送货上门' : ''}
        {b.queuePosition ? ` · 排第${b.queuePosition}位` : ''}
      </Text>
      {props.showPhone && b.bookerPhone ? (
        <Text
          className="item-line t-body link"
          id={`${id}-phone`}
          onClick={(e) => {
            e.stopPropagation();
            callPhone(b.bookerPhone as string, '拨打电话');
          }}
        >
          电话 {b.bookerPhone}
        </Text>
      ) : null}
    </View>
  );
}
