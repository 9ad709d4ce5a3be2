import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { rentalBookingStatusLabels } from '../../../../shared/enums';
import { ensureSession, useSession } from '../../../api/session';
import { MembersOnly } from '../../../components/board/MembersOnly';
import { FormError } from '../../../components/Form';
import { PageShell } from '../../../components/PageShell';
import { BookingFacts, Timeline } from '../../../components/rentals/BookingParts';
import { PointCard } from '../../../components/rentals/PointCard';
import { PriceBox } from '../../../components/rentals/PriceBox';
import { Receipt } from '../../../components/rentals/Receipt';
import { dayLabel, dueText, offerText, plusDays, statusTone } from '../../../components/rentals/text';
import { ErrorState, Loading } from '../../../components/StateView';
import { isOutsider, type RentalBookingView, rentals, useMinuteClock, useMyBooking } from '../../../hooks/rentals';
import { useSubmit } from '../../../hooks/useSubmit';
import { go, intParam, routes } from '../../../lib/routes';
import '../../../components/rentals/rentals.css';

type Key = { communityId: number; bookingId: number };

/** 续借: a later due date, if the same unit is free for the added days. */
function Extend(props: { booking: RentalBookingView; onDone: (b: RentalBookingView) => void }) {
  const b = props.booking;
  const [open, setOpen] = useState(false);
  const [more, setMore] = useState(7);
  const sending = useSubmit<'endOn' | 'version'>({ fields: { UNIT_BUSY: 'endOn', RENTAL_DATES_INVALID: 'endOn' } });
  const endOn = plusDays(b.endOn, more);
  if (!open)
    return (
      <Button id="booking-extend" className="btn btn--plain btn--block" onClick={() => setOpen(true)}>
        续借（晚一点还）
      </Button>
    );
  const send = async () => {
    const next = await sending.submit(() =>
      rentals.extend({ communityId: b.communityId, bookingId: b.id }, endOn, b.version),
    );
    if (!next) return;
    setOpen(false);
    props.onDone(next);
    void Taro.showToast({ title: `已续借到${dayLabel(next.endOn)}`, icon: 'none' });
  };
  return (
    <View className="card" id="booking-extend-box">
      <Text className="t-title t-block">续借几天</Text>
      <View className="rental-stepper gap-top">
        <Button
          id="booking-extend-less"
          className="btn btn--plain"
          disabled={more <= 1 || undefined}
          onClick={() => setMore(Math.max(1, more - 1))}
        >
          少一天
        </Button>
        <Text className="rental-stepper-value" id="booking-extend-days">
          {more}天
        </Text>
        <Button id="booking-extend-more" className="btn btn--plain" onClick={() => setMore(more + 1)}>
          多一天
        </Button>
      </View>
      <Text className="t-body t-block gap-top" id="booking-extend-new-end">
        改为{dayLabel(endOn)}还
      </Text>
      {sending.fieldErrors.endOn ? (
        <Text className="field-error t-block" id="booking-extend-error">
          {sending.fieldErrors.endOn}
        </Text>
      ) : null}
      <FormError id="booking-extend-form-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button id="booking-extend-cancel" className="btn btn--plain" onClick={() => setOpen(false)}>
          不续了
        </Button>
        <Button
          id="booking-extend-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在提交…' : '确定续借'}
        </Button>
      </View>
    </View>
  );
}

/** One of the household's bookings: where it stands, what to do next (确认 / 取消 / 续借), the receipt. */
export default function RentalBookingPage() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const bookingId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const booking = useMyBooking(communityId, bookingId, signedIn);
  const actions = useSubmit<never>();
  const b = booking.data;
  const now = useMinuteClock(b?.status === 'offered');

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  usePullDownRefresh(() => {
    void booking.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const alone = Taro.getCurrentPages().length <= 1;
  const code = booking.error?.code;
  const outsider = code === 'NOT_FOUND' && isOutsider(session, communityId);
  const missing = communityId === null || bookingId === null || (code === 'NOT_FOUND' && !outsider);
  const membersOnly = code === 'FORBIDDEN' || outsider || session.status === 'signed-out';
  const key: Key = { communityId: communityId as number, bookingId: bookingId as number };

  const accept = async () => {
    const next = await actions.submit(() => rentals.accept(key));
    if (!next) return;
    booking.setData(next);
    void Taro.showToast({ title: '已确认，请按时领取', icon: 'none' });
  };
  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消预约',
      content: b?.status === 'waiting' ? '确定不排队了吗？' : '确定取消这次预约吗？取消后器具会让给别人。',
      confirmText: '取消预约',
      cancelText: '不取消',
    });
    if (!confirm) return;
    const next = await actions.submit(() => rentals.cancel(key));
    if (!next) return;
    booking.setData(next);
    void Taro.showToast({ title: '已取消', icon: 'none' });
  };

  let content: JSX.Element;
  if (missing) {
    content = (
      <View className="state" id="booking-missing">
        <Text className="state-text t-body">没有找到这次借用</Text>
      </View>
    );
  } else if (membersOnly) {
    content = <MembersOnly id="booking-members-only" communityId={communityId} signedIn={signedIn} what="辅具租借" />;
  } else if (booking.error) {
    content = <ErrorState error={booking.error} onRetry={booking.reload} />;
  } else if (!b) {
    content = <Loading />;
  } else {
    const due = dueText(b);
    content = (
      <View>
        <View className="card" id="booking-head">
          <Text className="t-title t-block" id="booking-item">
            {b.itemName}
          </Text>
          <Text className={`tag rental-status ${statusTone(b.status)}`} id="booking-status">
            {rentalBookingStatusLabels[b.status]}
          </Text>
          {due ? (
            <Text className={`t-title t-block gap-top ${b.overdueDays > 0 ? 't-danger' : ''}`} id="booking-due">
              {due}
            </Text>
          ) : null}
          {b.reason ? (
            <Text className="t-body t-block gap-top" id="booking-reason">
              原因：{b.reason}
            </Text>
          ) : null}
        </View>
        {b.status === 'offered' ? (
          <View className="card rental-offer" id="booking-offer">
            <Text className="t-title t-block">有空闲了，给您留着</Text>
            <Text className="t-body t-block gap-top" id="booking-offer-expires">
              {b.offerExpiresAt ? offerText(b.offerExpiresAt, now) : ''}
            </Text>
            <Text className="t-body t-block">过了时间会让给下一位。</Text>
            <Button
              id="booking-accept"
              className="btn btn--primary btn--block gap-top"
              disabled={actions.busy || undefined}
              onClick={() => void accept()}
            >
              {actions.busy ? '正在提交…' : '确认借用'}
            </Button>
          </View>
        ) : null}
        <FormError id="booking-form-error" message={actions.formError} retry={actions.retry} />
        {b.settlement ? <Receipt settlement={b.settlement} /> : null}
        <Timeline booking={b} />
        <BookingFacts booking={b} />
        {b.canExtend ? <Extend booking={b} onDone={(next) => booking.setData(next)} /> : null}
        {b.settlement ? null : <PriceBox id="booking-price" quote={b.quote} />}
        <PointCard id="booking-point" point={b.point} title="领取和归还的服务点" />
        {b.canCancel ? (
          <Button
            id="booking-cancel"
            className="btn btn--danger btn--block"
            disabled={actions.busy || undefined}
            onClick={() => void cancel()}
          >
            {b.status === 'waiting' ? '不排队了' : b.status === 'offered' ? '不要了，让给别人' : '取消预约'}
          </Button>
        ) : null}
        <Button
          id="booking-item-link"
          className="btn btn--plain btn--block"
          onClick={() => go(routes.rentalItem(b.communityId, b.itemTypeId))}
        >
          看这件器具
        </Button>
      </View>
    );
  }

  return (
    <PageShell id="rental-booking" title="借用详情">
      {content}
      {alone || missing ? (
        <Button id="booking-home" className="btn btn--plain btn--block gap-top" onClick={() => go(routes.home)}>
          回首页
        </Button>
      ) : null}
    </PageShell>
  );
}
