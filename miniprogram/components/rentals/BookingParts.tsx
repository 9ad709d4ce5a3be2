import { Text, View } from '@tarojs/components';
import { rentalBookingStatusLabels, rentalEligibilityLabels } from '../../../shared/enums';
import type { RentalBookingView } from '../../hooks/rentals';
import { cx, formatDateTime } from '../../lib/format';
import { dayLabel, rangeLabel } from './text';
import './rentals.css';

type StepState = 'done' | 'now' | 'todo';
interface Step {
  key: string;
  label: string;
  note?: string;
  state: StepState;
}

/** Where the booking stands: 提交 → (排队 → 有空闲) → 确认 → 借出 → 归还, or how it ended. */
export function steps(b: RentalBookingView): Step[] {
  const out: Step[] = [{ key: 'created', label: '提交预约', note: formatDateTime(b.createdAt), state: 'done' }];
  if (b.status === 'cancelled' || b.status === 'rejected' || b.status === 'expired') {
    out.push({
      key: 'end',
      label: rentalBookingStatusLabels[b.status],
      note: b.reason ?? (b.status === 'expired' ? '24小时内没有确认，已让给下一位' : undefined),
      state: 'now',
    });
    return out;
  }
  if (b.status === 'waiting' || b.status === 'offered') {
    out.push({
      key: 'waiting',
      label: '排队等候',
      note: b.status === 'waiting' && b.queuePosition ? `排在第${b.queuePosition}位` : undefined,
      state: b.status === 'waiting' ? 'now' : 'done',
    });
    out.push({ key: 'offered', label: '有空闲，待您确认', state: b.status === 'offered' ? 'now' : 'todo' });
    out.push({ key: 'confirmed', label: '确认借用', state: 'todo' });
  } else {
    out.push({
      key: 'confirmed',
      label: b.status === 'pending' ? '等服务点确认' : '服务点已确认',
      state: b.status === 'pending' ? 'now' : 'done',
    });
  }
  const pickedUp = b.status === 'on_loan' || b.status === 'returned';
  out.push({
    key: 'on_loan',
    label: pickedUp ? '已领取' : `${dayLabel(b.startOn)}领取`,
    note: b.checkedOutAt ? formatDateTime(b.checkedOutAt) : undefined,
    state: pickedUp ? 'done' : b.status === 'confirmed' ? 'now' : 'todo',
  });
  out.push({
    key: 'returned',
    label: b.status === 'returned' ? '已归还' : `${dayLabel(b.endOn)}前还回`,
    note: b.returnedOn ? dayLabel(b.returnedOn) : undefined,
    state: b.status === 'on_loan' ? 'now' : b.status === 'returned' ? 'done' : 'todo',
  });
  return out;
}

export function Timeline(props: { booking: RentalBookingView }) {
  return (
    <View className="card" id="booking-timeline">
      <Text className="t-title t-block">进度</Text>
      {steps(props.booking).map((s) => (
        <View key={s.key} id={`booking-step-${s.key}`} className={cx('rental-step gap-top', `rental-step--${s.state}`)}>
          <Text className="t-body t-block">
            {s.state === 'done' ? '✓ ' : s.state === 'now' ? '▶ ' : ''}
            {s.label}
          </Text>
          {s.note ? <Text className="t-small t-block">{s.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** What was booked: the unit, the dates, for whom, pick-up or delivery, the subsidy category, the note. */
export function BookingFacts(props: { booking: RentalBookingView }) {
  const b = props.booking;
  return (
    <View className="card" id="booking-facts">
      <Text className="t-body t-block" id="booking-dates">
        日期：{rangeLabel(b.startOn, b.endOn)}（{b.quote.days}天）
      </Text>
      {b.unitTag ? (
        <Text className="t-body t-block" id="booking-unit">
          器具编号：<Text className="tag tag--info">{b.unitTag}</Text>
        </Text>
      ) : null}
      {b.forName ? (
        <Text className="t-body t-block" id="booking-for">
          使用人：{b.forName}（{b.forRelation}）
        </Text>
      ) : null}
      <Text className="t-body t-block" id="booking-handover">
        {b.handover === 'delivery' ? `送货上门：${b.deliveryAddress ?? ''}` : '自己到服务点领取'}
      </Text>
      {b.eligibility ? (
        <Text className="t-body t-block" id="booking-eligibility">
          补贴类别：{rentalEligibilityLabels[b.eligibility]}
        </Text>
      ) : null}
      {b.note ? <Text className="t-body t-block rental-text">备注：{b.note}</Text> : null}
    </View>
  );
}
