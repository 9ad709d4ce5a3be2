import { Text, View } from '@tarojs/components';
import { rentalBookingStatusLabels } from '../../../shared/enums';
import type { RentalBookingView } from '../../hooks/rentals';
import { dueText, offerText, rangeLabel, statusTone } from './text';
import './rentals.css';

/** One booking in 我的借用 (and on the item page): what, status, dates, due or place in line, the offer's time. */
export function BookingCard(props: { booking: RentalBookingView; onOpen: () => void; now?: number }) {
  const b = props.booking;
  const prefix = `booking-${b.id}`;
  const due = dueText(b);
  return (
    <View id={prefix} className="item" onClick={props.onOpen}>
      <View className="row row--between">
        <Text className="rental-card-title grow">{b.itemName}</Text>
        <Text className={`tag rental-status ${statusTone(b.status)}`} id={`${prefix}-status`}>
          {rentalBookingStatusLabels[b.status]}
        </Text>
      </View>
      <Text className="t-body t-block" id={`${prefix}-dates`}>
        {rangeLabel(b.startOn, b.endOn)}
        {b.forName ? `（给${b.forRelation ?? ''}${b.forName}借）` : ''}
      </Text>
      {due ? (
        <Text className={`t-body t-block rental-due ${b.overdueDays > 0 ? 't-danger' : ''}`} id={`${prefix}-due`}>
          {due}
        </Text>
      ) : null}
      {b.status === 'waiting' && b.queuePosition ? (
        <Text className="t-body t-block" id={`${prefix}-queue`}>
          排在第{b.queuePosition}位
        </Text>
      ) : null}
      {b.status === 'offered' && b.offerExpiresAt ? (
        <Text className="t-body t-block t-danger" id={`${prefix}-offer`}>
          有空闲了！{offerText(b.offerExpiresAt, props.now)}
        </Text>
      ) : null}
      <Text className="t-small t-block">{b.point.name}</Text>
    </View>
  );
}
