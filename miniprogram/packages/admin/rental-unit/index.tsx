import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { z } from 'zod';
import { blockRentalUnit, retireRentalUnit } from '../../../../shared/contracts/rentals';
import type { BodyOf } from '../../../../shared/contracts/route';
import {
  type RentalCondition,
  type RentalHoldKind,
  rentalConditionLabels,
  rentalConditions,
  rentalUnitEventKindLabels,
  rentalUnitStatusLabels,
} from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Field, FormError } from '../../../components/Form';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { rentalRefusal } from '../../../components/rentals-admin/errors';
import { chinaToday } from '../../../components/rentals-admin/money';
import { ErrorState, Loading } from '../../../components/StateView';
import { blockUnit, editUnit, retireUnit, unblockUnit, useRentalUnit } from '../../../hooks/rentals-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx, formatDateTime } from '../../../lib/format';
import { fileUrl } from '../../../lib/notice-files';
import { go, intParam, routes } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';
import '../../../components/agora/agora.css';

/** The dialog checks `{ reason }`; the route's field is `note`, with the same rule. */
const retireReason = z.object({
  reason: (retireRentalUnit.body as NonNullable<typeof retireRentalUnit.body>).shape.note,
});
const holdKindLabels: Record<RentalHoldKind, string> = { booking: '预约', offer: '保留', maintenance: '维修' };
const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

/** One unit: condition, status, what holds its dates, every movement; 停用维修 / 维修完成 / 报废. */
export default function AdminRentalUnit() {
  const id = intParam(useRouter().params.id);
  return (
    <AdminShell id="admin-rental-unit" section="rental-stock">
      {(communityId) =>
        id === null ? (
          <Text className="state-text t-body">找不到这件器具</Text>
        ) : (
          <Unit communityId={communityId} id={id} />
        )
      }
    </AdminShell>
  );
}

function Unit(props: { communityId: number; id: number }) {
  const unit = useRentalUnit(props.communityId, props.id);
  const [action, setAction] = useState<'block' | 'retire' | null>(null);
  const condition = useSubmit<'condition'>();
  const ending = useSubmit<'condition'>();
  if (unit.loading && !unit.data) return <Loading />;
  if (unit.error) return <ErrorState id="unit-error" error={unit.error} onRetry={unit.reload} admin />;
  if (!unit.data) return <Loading />;
  const u = unit.data;
  const setCondition = async (c: RentalCondition) => {
    const next = await condition.submit(() => editUnit(props.communityId, u.id, { condition: c }));
    if (next) unit.setData(next);
  };
  const endMaintenance = async () => {
    const next = await ending.submit(() => unblockUnit(props.communityId, u.id, { condition: 'good' }));
    if (next) {
      unit.setData(next);
      toast('已回到库存');
    }
  };
  return (
    <View id="rental-unit">
      <View className="card">
        <View className="row row--between">
          <Text className="t-title grow" id="unit-tag">
            {u.itemName} · {u.assetTag}
          </Text>
          <Text className={cx('tag', u.status === 'maintenance' && 'tag--warn')} id="unit-status">
            {rentalUnitStatusLabels[u.status]}
          </Text>
        </View>
        {u.note ? <Text className="t-body t-block">备注：{u.note}</Text> : null}
        <Text className="field-label gap-top">状况</Text>
        <View className="chips" id="unit-conditions">
          {rentalConditions
            .filter((c) => c !== 'scrapped')
            .map((c) => (
              <View
                key={c}
                id={`unit-condition-${c}`}
                className={cx('chip', u.condition === c && 'chip--on')}
                onClick={() => void setCondition(c)}
              >
                {rentalConditionLabels[c]}
              </View>
            ))}
        </View>
        <FormError id="unit-condition-error" message={condition.formError} retry={condition.retry} />
        {u.currentBooking ? (
          <Text
            className="t-body link gap-top"
            id="unit-booking"
            onClick={() => go(routes.adminRentalBooking(u.currentBooking?.id as number))}
          >
            当前预约：{u.currentBooking.startOn} 至 {u.currentBooking.endOn}
          </Text>
        ) : null}
      </View>

      {u.status === 'retired' ? null : (
        <View className="btn-row gap-top" id="unit-actions">
          {u.status === 'maintenance' ? (
            <Button
              id="unit-maintenance-end"
              className="btn btn--primary"
              disabled={ending.busy || undefined}
              onClick={() => void endMaintenance()}
            >
              维修完成
            </Button>
          ) : null}
          {u.status !== 'on_loan' ? (
            <Button id="unit-block" className="btn btn--plain" onClick={() => setAction('block')}>
              停用维修
            </Button>
          ) : null}
          {u.status !== 'on_loan' ? (
            <Button id="unit-retire" className="btn btn--danger" onClick={() => setAction('retire')}>
              报废
            </Button>
          ) : null}
        </View>
      )}
      <FormError id="unit-end-error" message={ending.formError} retry={ending.retry} />

      {action === 'block' ? (
        <BlockForm
          communityId={props.communityId}
          unitId={u.id}
          onDone={(next) => {
            unit.setData(next);
            setAction(null);
            toast('已停用维修');
          }}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action === 'retire' ? (
        <ReasonDialog
          id="unit-retire"
          title="报废这件器具"
          explain="报废后不能再借出，记录会保留。"
          label="报废原因"
          placeholder="例如：车架断裂，无法修复"
          maxLength={100}
          confirmText="确认报废"
          busyText="正在提交…"
          keepText="不报废"
          schema={retireReason}
          send={(note) => retireUnit(props.communityId, u.id, note)}
          onDone={(next: typeof u) => {
            unit.setData(next);
            setAction(null);
            toast('已报废');
          }}
          onClose={() => setAction(null)}
        />
      ) : null}

      <View className="card gap-top" id="unit-holds">
        <Text className="section-title">占用的日期</Text>
        {u.holds.length === 0 ? <Text className="t-small">没有</Text> : null}
        {u.holds.map((h) => (
          <Text key={h.id} className="t-body t-block" id={`unit-hold-${h.id}`}>
            {holdKindLabels[h.kind]}：{h.startOn} 至 {h.endOn}
            {h.bookingId ? ` · 预约#${h.bookingId}` : ''}
            {h.note ? ` · ${h.note}` : ''}
          </Text>
        ))}
      </View>

      <View className="card gap-top" id="unit-history">
        <Text className="section-title">记录</Text>
        {u.history.map((h) => (
          <View key={h.id} className="item" id={`unit-event-${h.id}`}>
            <Text className="item-title">
              {rentalUnitEventKindLabels[h.kind]}
              {h.condition ? ` · ${rentalConditionLabels[h.condition]}` : ''}
            </Text>
            {h.note ? <Text className="item-line t-body">{h.note}</Text> : null}
            {h.photoUrls.length ? (
              <View className="row row--wrap">
                {h.photoUrls.map((url) => (
                  <Image key={url} className="agora-photo" src={fileUrl(url)} mode="aspectFill" />
                ))}
              </View>
            ) : null}
            <Text className="item-line t-small">
              {h.actor ?? '系统'} · {formatDateTime(h.at)}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

type BlockKey = 'startOn' | 'endOn' | 'note';

function BlockForm(props: {
  communityId: number;
  unitId: number;
  onDone: (next: Awaited<ReturnType<typeof blockUnit>>) => void;
  onClose: () => void;
}) {
  const [startOn, setStartOn] = useState(chinaToday());
  const [endOn, setEndOn] = useState(chinaToday());
  const [note, setNote] = useState('');
  const sending = useSubmit<BlockKey>({
    place: (error) => (error.code === 'UNIT_BUSY' ? { form: rentalRefusal(error) } : null),
    fields: { RENTAL_DATES_INVALID: 'startOn' },
  });
  const send = async () => {
    const checked = checkWith<BodyOf<typeof blockRentalUnit>, BlockKey>(blockRentalUnit.body, { startOn, endOn, note });
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const next = await sending.submit(() => blockUnit(props.communityId, props.unitId, body));
    if (next) props.onDone(next);
  };
  const e = sending.fieldErrors;
  return (
    <View className="card gap-top" id="unit-block-form">
      <Text className="section-title">停用维修</Text>
      <Field id="unit-block-start" label="从" value={startOn} onChange={setStartOn} maxlength={10} error={e.startOn} />
      <Field id="unit-block-end" label="到" value={endOn} onChange={setEndOn} maxlength={10} error={e.endOn} />
      <Field id="unit-block-note" label="维修什么" value={note} onChange={setNote} maxlength={100} error={e.note} />
      <FormError id="unit-block-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="unit-block-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在提交…' : '确认停用'}
        </Button>
        <Button id="unit-block-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
