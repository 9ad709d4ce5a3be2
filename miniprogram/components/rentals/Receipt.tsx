import { Text, View } from '@tarojs/components';
import type { RentalSettlement } from '../../../shared/domain/rental-fee-types';
import { yuan } from '../../../shared/domain/rental-fees';
import { dayLabel } from './text';
import './rentals.css';

function Line(props: { id: string; label: string; value: string; strong?: boolean }) {
  return (
    <View className={`row row--between rental-line${props.strong ? ' rental-line--strong' : ''}`} id={props.id}>
      <Text className="t-body grow">{props.label}</Text>
      <Text className="t-body rental-amount" id={`${props.id}-value`}>
        {props.value}
      </Text>
    </View>
  );
}

/** The receipt at return: every figure a field of settle() as the server stored it. */
export function Receipt(props: { settlement: RentalSettlement }) {
  const s = props.settlement;
  return (
    <View className="card rental-price" id="receipt">
      <Text className="t-title t-block">结算单</Text>
      <Text className="t-small t-block">
        应还：{dayLabel(s.dueOn)}，实还：{dayLabel(s.returnedOn)}
      </Text>
      <Line id="receipt-rent" label="租金" value={yuan(s.rentFen)} />
      {s.subsidyFen > 0 ? <Line id="receipt-subsidy" label="补贴" value={`-${yuan(s.subsidyFen)}`} /> : null}
      {s.overdueDays > 0 ? (
        <Line
          id="receipt-overdue"
          label={`逾期${s.overdueDays}天 × 每天${yuan(s.overdueFeePerDayFen)}`}
          value={yuan(s.overdueFeeFen)}
        />
      ) : null}
      {s.damageFen > 0 ? <Line id="receipt-damage" label="损坏赔偿" value={yuan(s.damageFen)} /> : null}
      <Line id="receipt-charges" label="共计费用" value={yuan(s.chargesFen)} strong />
      <Line id="receipt-taken" label="已收（租金和押金）" value={yuan(s.takenFen)} />
      {s.owedFen > 0 ? (
        <Line id="receipt-owed" label="仍需支付" value={yuan(s.owedFen)} strong />
      ) : (
        <Line id="receipt-refund" label="退还押金" value={yuan(s.refundFen)} strong />
      )}
      {s.refundFen > 0 ? (
        <Text className="t-body t-block gap-top" id="receipt-refund-by">
          押金会在{dayLabel(s.refundBy)}前退给您。
        </Text>
      ) : null}
      {s.owedFen > 0 ? (
        <Text className="t-body t-block gap-top" id="receipt-owed-note">
          请到服务点补交{yuan(s.owedFen)}。
        </Text>
      ) : null}
    </View>
  );
}
