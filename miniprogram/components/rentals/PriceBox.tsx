import { Text, View } from '@tarojs/components';
import type { RentalQuote } from '../../../shared/domain/rental-fee-types';
import { yuan } from '../../../shared/domain/rental-fees';
import './rentals.css';

function Line(props: { id: string; label: string; value: string; strong?: boolean }) {
  return (
    <View className={`row row--between rental-line${props.strong ? ' rental-line--strong' : ''}`} id={props.id}>
      <Text className="t-body">{props.label}</Text>
      <Text className="t-body rental-amount" id={`${props.id}-value`}>
        {props.value}
      </Text>
    </View>
  );
}

/** What a booking costs, every figure a field of shared/domain/rental-fees.ts quote(). */
export function PriceBox(props: { id: string; quote: RentalQuote; title?: string }) {
  const q = props.quote;
  const rentLabel =
    q.feeKind === 'free'
      ? '租金（免费）'
      : q.feeKind === 'per_period'
        ? `租金（${q.periods}个租期）`
        : `租金（${q.days}天）`;
  return (
    <View className="card rental-price" id={props.id}>
      <Text className="t-title t-block">{props.title ?? '费用'}</Text>
      <Line id={`${props.id}-rent`} label={rentLabel} value={yuan(q.rentFen)} />
      {q.subsidyFen > 0 ? (
        <Line id={`${props.id}-subsidy`} label={`补贴（${q.subsidyPercent}%）`} value={`-${yuan(q.subsidyFen)}`} />
      ) : null}
      <Line id={`${props.id}-payable`} label="应付租金" value={yuan(q.payableFen)} />
      <Line id={`${props.id}-deposit`} label="押金（还回后退）" value={yuan(q.depositFen)} />
      <Line id={`${props.id}-total`} label="取货时合计" value={yuan(q.upfrontFen)} strong />
      {q.overdueFeePerDayFen > 0 ? (
        <Text className="t-small t-block gap-top" id={`${props.id}-overdue`}>
          过了归还日期，每天另收{yuan(q.overdueFeePerDayFen)}。
        </Text>
      ) : null}
    </View>
  );
}
