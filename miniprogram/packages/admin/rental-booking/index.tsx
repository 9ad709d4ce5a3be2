import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  checkInBooking,
  checkOutBooking,
  type getStaffBooking,
  rejectBooking,
  type StaffBookingView,
} from '../../../../shared/contracts/rentals';
import type { BodyOf, ReplyOf } from '../../../../shared/contracts/route';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import { yuan } from '../../../../shared/domain/rental-fees';
import { nextStatus } from '../../../../shared/domain/rental-states';
import {
  type RentalCondition,
  rentalBookingStatusLabels,
  rentalConditionLabels,
  rentalConditions,
  rentalEligibilityLabels,
  rentalHandoverLabels,
} from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Photos } from '../../../components/agora/Photos';
import { Field, FormError } from '../../../components/Form';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { rentalRefusal } from '../../../components/rentals-admin/errors';
import { chinaToday, fenToInput, parseYuan } from '../../../components/rentals-admin/money';
import { Receipt } from '../../../components/rentals-admin/Receipt';
import { ErrorState, Loading } from '../../../components/StateView';
import { checkIn, checkOut, confirm, reject, useStaffBooking } from '../../../hooks/rentals-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx, formatDateTime } from '../../../lib/format';
import { callPhone } from '../../../lib/phone';
import { intParam } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';
import '../../../components/agora/agora.css';

type Detail = ReplyOf<typeof getStaffBooking>;

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

/** One booking at the desk: who and for whom, dates, the quote; 确认 / 拒绝 / 借出 / 归还 and the receipt. */
export default function AdminRentalBooking() {
  const id = intParam(useRouter().params.id);
  return (
    <AdminShell id="admin-rental-booking" section="rental-bookings">
      {(communityId) =>
        id === null ? (
          <Text className="state-text t-body">找不到这个预约</Text>
        ) : (
          <BookingDetail communityId={communityId} id={id} />
        )
      }
    </AdminShell>
  );
}

function BookingDetail(props: { communityId: number; id: number }) {
  const booking = useStaffBooking(props.communityId, props.id);
  const [action, setAction] = useState<'confirm' | 'reject' | 'out' | 'in' | null>(null);
  if (booking.loading && !booking.data) return <Loading />;
  if (booking.error)
    return <ErrorState id="rental-booking-error" error={booking.error} onRetry={booking.reload} admin />;
  if (!booking.data) return <Loading />;
  const b = booking.data;
  /** The reply of an action is the booking without the unit list: keep the list we have. */
  const done = (next: StaffBookingView, message: string) => {
    booking.setData({ ...b, ...next });
    setAction(null);
    toast(message);
  };
  const can = (move: 'confirm' | 'reject' | 'check_out' | 'check_in') => nextStatus(b.status, move, 'staff') !== null;
  const q = b.quote;

  return (
    <View id="rental-booking">
      <View className="card">
        <View className="row row--between">
          <Text className="t-title grow" id="rb-item">
            {b.itemName}
            {b.unitTag ? `（${b.unitTag}）` : ''}
          </Text>
          <Text className={cx('tag', b.overdueDays > 0 && 'tag--warn')} id="rb-status">
            {rentalBookingStatusLabels[b.status]}
            {b.overdueDays > 0 ? ` · 逾期${b.overdueDays}天` : ''}
          </Text>
        </View>
        <Text className="t-body t-block" id="rb-who">
          预约人：{b.bookerName ?? '（未留姓名）'} · {b.communityName} {b.householdLabel}
        </Text>
        {b.bookerPhone ? (
          <Text className="link t-body" id="rb-phone" onClick={() => callPhone(b.bookerPhone as string, '拨打电话')}>
            电话：{b.bookerPhone}
          </Text>
        ) : null}
        {b.forName ? (
          <Text className="t-body t-block" id="rb-for">
            使用人：{b.forName}（{b.forRelation}）
          </Text>
        ) : null}
        <Text className="t-body t-block" id="rb-eligibility">
          补贴类别：{b.eligibility ? rentalEligibilityLabels[b.eligibility] : '不申请补贴'}
          {b.eligibilityVerified === true ? '（已核对）' : ''}
        </Text>
        <Text className="t-body t-block" id="rb-dates">
          {b.startOn} 至 {b.endOn}（{q.days}天）
        </Text>
        <Text className="t-body t-block" id="rb-handover">
          {rentalHandoverLabels[b.handover]}
          {b.deliveryAddress ? `：${b.deliveryAddress}` : ` · ${b.point.name}`}
        </Text>
        {b.note ? <Text className="t-body t-block">备注：{b.note}</Text> : null}
        {b.reason ? <Text className="t-body t-block">原因：{b.reason}</Text> : null}
        {b.offerExpiresAt ? <Text className="t-small t-block">保留到 {formatDateTime(b.offerExpiresAt)}</Text> : null}
        {b.checkedOutAt ? (
          <Text className="t-small t-block" id="rb-checked-out">
            借出于 {formatDateTime(b.checkedOutAt)} · 收租金 {yuan(b.rentPaidFen ?? 0)} · 收押金{' '}
            {yuan(b.depositTakenFen ?? 0)}
          </Text>
        ) : null}
        {b.damageNote ? <Text className="t-body t-block">损坏说明：{b.damageNote}</Text> : null}
      </View>

      <View className="card gap-top" id="rb-quote">
        <Text className="section-title">费用</Text>
        <Text className="t-body t-block">
          租金 {yuan(q.rentFen)}
          {q.periods > 0 && q.feeKind === 'per_period' ? `（${q.periods}期）` : ''}
          {q.subsidyFen > 0 ? ` · 补贴${q.subsidyPercent}% -${yuan(q.subsidyFen)}` : ''}
        </Text>
        <Text className="t-body t-block" id="rb-payable">
          应付 {yuan(q.payableFen)} · 押金 {yuan(q.depositFen)} · 借出时共收 {yuan(q.upfrontFen)}
        </Text>
        {q.overdueFeePerDayFen > 0 ? (
          <Text className="t-small t-block">逾期每天 {yuan(q.overdueFeePerDayFen)}</Text>
        ) : null}
      </View>

      <View className="btn-row gap-top" id="rb-actions">
        {can('confirm') ? (
          <Button id="rb-confirm" className="btn btn--primary" onClick={() => setAction('confirm')}>
            确认
          </Button>
        ) : null}
        {can('reject') ? (
          <Button id="rb-reject" className="btn btn--danger" onClick={() => setAction('reject')}>
            拒绝
          </Button>
        ) : null}
        {can('check_out') ? (
          <Button id="rb-out" className="btn btn--primary" onClick={() => setAction('out')}>
            借出
          </Button>
        ) : null}
        {can('check_in') ? (
          <Button id="rb-in" className="btn btn--primary" onClick={() => setAction('in')}>
            归还
          </Button>
        ) : null}
      </View>

      {action === 'confirm' ? (
        <ConfirmForm
          communityId={props.communityId}
          booking={b}
          onDone={(next) => done(next, '已确认')}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action === 'out' ? (
        <CheckOutForm
          communityId={props.communityId}
          booking={b}
          onDone={(next) => done(next, '已借出')}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action === 'in' ? (
        <CheckInForm
          communityId={props.communityId}
          booking={b}
          onDone={(next) => done(next, '已归还')}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action === 'reject' ? (
        <ReasonDialog
          id="rb-reject"
          title="拒绝这个预约"
          explain="拒绝的原因会告诉预约的居民。"
          label="拒绝的原因"
          placeholder="例如：这件器具正在维修，下月再约"
          maxLength={100}
          confirmText="确认拒绝"
          busyText="正在提交…"
          keepText="不拒绝"
          schema={rejectBooking.body}
          send={(reason) => reject(props.communityId, b.id, reason)}
          onDone={(next: StaffBookingView) => done(next, '已拒绝')}
          onClose={() => setAction(null)}
        />
      ) : null}

      {b.settlement ? <Receipt settlement={b.settlement} title={b.itemName} unitTag={b.unitTag} /> : null}
    </View>
  );
}

const placeRefusal = (error: Parameters<typeof rentalRefusal>[0]) =>
  error.code === 'RENTAL_UNAVAILABLE' || error.code === 'UNIT_BUSY' || error.code === 'INVALID_STATE'
    ? { form: rentalRefusal(error) }
    : null;

function ConfirmForm(props: {
  communityId: number;
  booking: Detail;
  onDone: (b: StaffBookingView) => void;
  onClose: () => void;
}) {
  const [unitId, setUnitId] = useState<number | null>(null);
  const sending = useSubmit<'unitId'>({ place: placeRefusal });
  const send = async () => {
    const next = await sending.submit(() => confirm(props.communityId, props.booking.id, unitId));
    if (next) props.onDone(next);
  };
  return (
    <View className="card gap-top" id="rb-confirm-form">
      <Text className="section-title">确认预约：选一件器具</Text>
      <View className="chips" id="rb-units">
        <View id="rb-unit-auto" className={cx('chip', unitId === null && 'chip--on')} onClick={() => setUnitId(null)}>
          自动分配
        </View>
        {props.booking.units.map((u) => (
          <View
            key={u.id}
            id={`rb-unit-${u.id}`}
            className={cx('chip', unitId === u.id && 'chip--on')}
            onClick={() => setUnitId(u.id)}
          >
            {u.assetTag}（{rentalConditionLabels[u.condition]}）
          </View>
        ))}
      </View>
      <FormError id="rb-confirm-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="rb-confirm-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在确认…' : '确认预约'}
        </Button>
        <Button id="rb-confirm-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}

function ConditionChips(props: { id: string; value: RentalCondition; onChange: (c: RentalCondition) => void }) {
  return (
    <View className="field">
      <Text className="field-label">器具状况</Text>
      <View className="chips" id={props.id}>
        {rentalConditions
          .filter((c) => c !== 'scrapped')
          .map((c) => (
            <View
              key={c}
              id={`${props.id}-${c}`}
              className={cx('chip', props.value === c && 'chip--on')}
              onClick={() => props.onChange(c)}
            >
              {rentalConditionLabels[c]}
            </View>
          ))}
      </View>
    </View>
  );
}

type OutKey = 'condition' | 'uploadIds' | 'rentPaidFen' | 'depositTakenFen' | 'eligibilityVerified' | 'note';

function CheckOutForm(props: {
  communityId: number;
  booking: Detail;
  onDone: (b: StaffBookingView) => void;
  onClose: () => void;
}) {
  const q = props.booking.quote;
  const [condition, setCondition] = useState<RentalCondition>('good');
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const [rent, setRent] = useState(fenToInput(q.payableFen));
  const [deposit, setDeposit] = useState(fenToInput(q.depositFen));
  const [verified, setVerified] = useState(false);
  const [note, setNote] = useState('');
  const sending = useSubmit<OutKey>({ place: placeRefusal });
  const send = async () => {
    const r = parseYuan(rent, '收取的租金');
    const d = parseYuan(deposit, '收取的押金');
    const extra: Partial<Record<OutKey, string>> = {};
    if ('error' in r) extra.rentPaidFen = r.error;
    if ('error' in d) extra.depositTakenFen = d.error;
    const checked = checkWith<BodyOf<typeof checkOutBooking>, OutKey>(
      checkOutBooking.body,
      {
        condition,
        uploadIds: photos.map((p) => p.id),
        rentPaidFen: 'fen' in r ? r.fen : 0,
        depositTakenFen: 'fen' in d ? d.fen : 0,
        eligibilityVerified: verified,
        ...(note.trim() ? { note } : {}),
      },
      { extra },
    );
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const next = await sending.submit(() => checkOut(props.communityId, props.booking.id, body));
    if (next) props.onDone(next);
  };
  const e = sending.fieldErrors;
  return (
    <View className="card gap-top" id="rb-out-form">
      <Text className="section-title">借出登记</Text>
      <ConditionChips id="rb-out-condition" value={condition} onChange={setCondition} />
      <Photos
        id="rb-out-photos"
        communityId={props.communityId}
        label="借出时的照片（可不传）"
        max={9}
        value={photos}
        onChange={setPhotos}
        error={e.uploadIds}
      />
      <Field
        id="rb-out-rent"
        label="收取租金（元）"
        value={rent}
        onChange={setRent}
        type="digit"
        hint={`应付 ${yuan(q.payableFen)}`}
        error={e.rentPaidFen}
      />
      <Field
        id="rb-out-deposit"
        label="收取押金（元）"
        value={deposit}
        onChange={setDeposit}
        type="digit"
        hint={`押金 ${yuan(q.depositFen)}`}
        error={e.depositTakenFen}
      />
      {props.booking.eligibility ? (
        <View className="row row--between field" id="rb-out-verified-row">
          <Text className="t-body">已核对补贴资格（{rentalEligibilityLabels[props.booking.eligibility]}）</Text>
          <Switch id="rb-out-verified" checked={verified} onChange={(ev) => setVerified(ev.detail.value)} />
        </View>
      ) : null}
      <Field
        id="rb-out-note"
        label="备注（可不填）"
        value={note}
        onChange={setNote}
        multiline
        maxlength={200}
        error={e.note}
      />
      <FormError id="rb-out-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="rb-out-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在提交…' : '确认借出'}
        </Button>
        <Button id="rb-out-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}

type InKey = 'condition' | 'damageNote' | 'damageFen' | 'uploadIds' | 'returnedOn';

function CheckInForm(props: {
  communityId: number;
  booking: Detail;
  onDone: (b: StaffBookingView) => void;
  onClose: () => void;
}) {
  const [condition, setCondition] = useState<RentalCondition>('good');
  const [damageNote, setDamageNote] = useState('');
  const [damage, setDamage] = useState('0');
  const [photos, setPhotos] = useState<UploadReply[]>([]);
  const [returnedOn, setReturnedOn] = useState(chinaToday());
  const sending = useSubmit<InKey>({ place: placeRefusal, fields: { RENTAL_DATES_INVALID: 'returnedOn' } });
  const send = async () => {
    const d = damage.trim() === '' ? { fen: 0 } : parseYuan(damage, '赔偿金额');
    const checked = checkWith<BodyOf<typeof checkInBooking>, InKey>(
      checkInBooking.body,
      {
        condition,
        ...(damageNote.trim() ? { damageNote } : {}),
        damageFen: 'fen' in d ? d.fen : 0,
        uploadIds: photos.map((p) => p.id),
        ...(returnedOn.trim() ? { returnedOn: returnedOn.trim() } : {}),
      },
      { extra: 'error' in d ? { damageFen: d.error } : {} },
    );
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const next = await sending.submit(() => checkIn(props.communityId, props.booking.id, body));
    if (next) props.onDone(next);
  };
  const e = sending.fieldErrors;
  return (
    <View className="card gap-top" id="rb-in-form">
      <Text className="section-title">归还登记</Text>
      <ConditionChips id="rb-in-condition" value={condition} onChange={setCondition} />
      <Field
        id="rb-in-damage-note"
        label="损坏说明（没有损坏可不填）"
        value={damageNote}
        onChange={setDamageNote}
        multiline
        maxlength={200}
        error={e.damageNote}
      />
      <Field
        id="rb-in-damage"
        label="赔偿金额（元）"
        value={damage}
        onChange={setDamage}
        type="digit"
        error={e.damageFen}
      />
      <Photos
        id="rb-in-photos"
        communityId={props.communityId}
        label="归还时的照片（可不传）"
        max={9}
        value={photos}
        onChange={setPhotos}
        error={e.uploadIds}
      />
      <Field
        id="rb-in-date"
        label="归还日期"
        value={returnedOn}
        onChange={setReturnedOn}
        placeholder="2026-12-01"
        maxlength={10}
        error={e.returnedOn}
      />
      <FormError id="rb-in-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="rb-in-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在提交…' : '确认归还'}
        </Button>
        <Button id="rb-in-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
