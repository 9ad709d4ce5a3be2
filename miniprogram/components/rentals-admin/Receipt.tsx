import { Button, Text, View } from '@tarojs/components';
import type { z } from 'zod';
import type { rentalSettlement } from '../../../shared/contracts/rentals';
import { yuan } from '../../../shared/domain/rental-fees';
import { isWeapp } from '../../lib/env';

type Settlement = z.infer<typeof rentalSettlement>;

/** The check-in receipt, every figure from the server's settlement (shared/domain/rental-fees.ts settle). */
export function Receipt(props: { settlement: Settlement; title: string; unitTag: string | null }) {
  const s = props.settlement;
  const line = (id: string, label: string, value: string) => (
    <View className="row row--between" id={`receipt-${id}`}>
      <Text className="t-body">{label}</Text>
      <Text className="t-body">{value}</Text>
    </View>
  );
  return (
    <View className="card gap-top rental-receipt" id="receipt">
      <Text className="section-title">归还单</Text>
      <Text className="t-body t-block">
        {props.title}
        {props.unitTag ? `（${props.unitTag}）` : ''}
      </Text>
      <Text className="t-small t-block">
        应还 {s.dueOn} · 实还 {s.returnedOn}
      </Text>
      {line('rent', '租金', yuan(s.rentFen))}
      {s.subsidyFen > 0 ? line('subsidy', '补贴', `-${yuan(s.subsidyFen)}`) : null}
      {line('payable', '应付租金', yuan(s.payableRentFen))}
      {s.overdueDays > 0
        ? line(
            'overdue',
            '逾期费',
            `逾期${s.overdueDays}天 × 每天${yuan(s.overdueFeePerDayFen)} = ${yuan(s.overdueFeeFen)}`,
          )
        : null}
      {s.damageFen > 0 ? line('damage', '赔偿', yuan(s.damageFen)) : null}
      {line('taken', '已收', yuan(s.takenFen))}
      {s.refundFen > 0 ? line('refund', '退还押金', yuan(s.refundFen)) : null}
      {s.refundFen > 0 ? (
        <Text className="t-small t-block" id="receipt-refund-by">
          最晚 {s.refundBy} 前退还
        </Text>
      ) : null}
      {s.owedFen > 0 ? line('owed', '仍需支付', yuan(s.owedFen)) : null}
      {isWeapp ? null : (
        <Button
          id="receipt-print"
          className="btn btn--primary btn--block gap-top no-print"
          onClick={() => window.print()}
        >
          打印
        </Button>
      )}
    </View>
  );
}
