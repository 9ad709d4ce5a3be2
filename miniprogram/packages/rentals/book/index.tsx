import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { createBooking } from '../../../../shared/contracts/rentals';
import type { RentalQuote } from '../../../../shared/domain/rental-fee-types';
import { quote } from '../../../../shared/domain/rental-fees';
import { type RentalEligibility, rentalEligibilities, rentalEligibilityLabels } from '../../../../shared/enums';
import { ApiError } from '../../../api/client';
import { ensureSession, useSession } from '../../../api/session';
import { ChoiceGrid } from '../../../components/board/ChoiceGrid';
import { MembersOnly } from '../../../components/board/MembersOnly';
import { Field, FormError } from '../../../components/Form';
import { PageShell } from '../../../components/PageShell';
import { DateChoice } from '../../../components/rentals/DateChoice';
import { PriceBox } from '../../../components/rentals/PriceBox';
import { dayLabel, plusDays, subsidyText, todayInChina } from '../../../components/rentals/text';
import { ErrorState, Loading } from '../../../components/StateView';
import {
  type BookInput,
  type FreeRange,
  freeRangesOf,
  isOutsider,
  rentals,
  useRentalCalendar,
  useRentalItem,
} from '../../../hooks/rentals';
import { useSubmit } from '../../../hooks/useSubmit';
import { intParam, routes } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';
import '../../../components/rentals/rentals.css';

type Key = keyof BookInput;
type Eligibility = RentalEligibility | 'none';

const bookingToast = (status: string, position: number | null) =>
  status === 'waiting'
    ? `已排队${position ? `，排在第${position}位` : ''}`
    : status === 'pending'
      ? '已提交，请等服务点确认'
      : '预约成功';

/** 预约借用: for whom, which days, pick-up or delivery, the subsidy category, the price from quote(). */
export default function RentalBook() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const itemId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const item = useRentalItem(communityId, itemId, signedIn);
  const calendar = useRentalCalendar(communityId, itemId, signedIn && item.data !== null);
  const it = item.data;
  const today = todayInChina();

  const [forWhom, setForWhom] = useState<'self' | 'other'>('self');
  const [forName, setForName] = useState('');
  const [forRelation, setForRelation] = useState('');
  const [start, setStart] = useState<string | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [handover, setHandover] = useState<'pickup' | 'delivery'>('pickup');
  const [address, setAddress] = useState('');
  const [eligibility, setEligibility] = useState<Eligibility>('none');
  const [note, setNote] = useState('');
  const [free, setFree] = useState<FreeRange[] | null>(null);
  const sending = useSubmit<Key>({ fields: { RENTAL_DATES_INVALID: 'endOn' } });
  const errors = sending.fieldErrors;

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);

  const code = item.error?.code;
  const outsider = code === 'NOT_FOUND' && isOutsider(session, communityId);
  if (communityId === null || itemId === null || outsider || code === 'FORBIDDEN' || session.status === 'signed-out') {
    return (
      <PageShell id="rental-book" title="预约借用">
        <MembersOnly id="book-members-only" communityId={communityId} signedIn={signedIn} what="辅具租借" />
      </PageShell>
    );
  }
  if (item.error || !it) {
    return (
      <PageShell id="rental-book" title="预约借用">
        {item.error ? <ErrorState error={item.error} onRetry={item.reload} /> : <Loading />}
      </PageShell>
    );
  }

  const perPeriod = it.feeKind === 'per_period' ? (it.periodDays ?? 180) : null;
  const maxCount = perPeriod ? Math.max(1, Math.floor(it.maxDays / perPeriod)) : it.maxDays;
  const firstFree = calendar.data?.days.find((d) => d.free > 0)?.date ?? today;
  const startOn = start ?? firstFree;
  const n = Math.min(count ?? (perPeriod ? 1 : Math.min(7, it.maxDays)), maxCount);
  const endOn = plusDays(startOn, (perPeriod ? n * perPeriod : n) - 1);
  const chosen = eligibility === 'none' ? null : eligibility;
  // The same function the server prices with; terms it refuses (never stored) show no price rather than a wrong one.
  let price: RentalQuote | null = null;
  try {
    price = quote(it, startOn, endOn, chosen);
  } catch {
    price = null;
  }
  const delivers = it.delivery && it.point.delivers;

  const send = async (waitlist: boolean) => {
    const other = forWhom === 'other';
    const checked = checkWith<BookInput, Key>(createBooking.body, {
      itemTypeId: it.id,
      startOn,
      endOn,
      handover: delivers ? handover : 'pickup',
      deliveryAddress: delivers && handover === 'delivery' && address.trim() ? address : undefined,
      forName: other ? forName : undefined,
      forRelation: other ? forRelation : undefined,
      eligibility: chosen ?? undefined,
      note: note.trim() ? note : undefined,
      waitlist,
    });
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const body = checked.body;
    const booking = await sending.submit(async () => {
      try {
        return await rentals.book(communityId, body);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'RENTAL_UNAVAILABLE') setFree(freeRangesOf(e));
        throw e;
      }
    });
    if (!booking) return;
    setFree(null);
    void Taro.showToast({ title: bookingToast(booking.status, booking.queuePosition), icon: 'none' });
    void Taro.redirectTo({ url: routes.rentalBooking(communityId, booking.id) });
  };

  return (
    <PageShell id="rental-book" title="预约借用">
      <View className="card">
        <Text className="t-small t-block">预约的器具</Text>
        <Text className="t-title t-block" id="book-item-name">
          {it.name}
        </Text>
        <Text className="t-body t-block">{it.feeText}</Text>
      </View>
      <View className="card">
        <Text className="field-label">为谁借</Text>
        <ChoiceGrid
          id="book-for"
          choices={[
            { value: 'self', label: '我自己' },
            { value: 'other', label: '帮家人借' },
          ]}
          value={forWhom}
          onChange={setForWhom}
        />
        {forWhom === 'other' ? (
          <View className="gap-top">
            <Field
              id="book-for-name"
              label="家人的称呼"
              value={forName}
              maxlength={20}
              placeholder="比如：王秀英 或 妈妈"
              onChange={setForName}
              error={errors.forName}
            />
            <Field
              id="book-for-relation"
              label="和您的关系"
              value={forRelation}
              maxlength={10}
              placeholder="比如：母亲"
              onChange={setForRelation}
              error={errors.forRelation}
            />
          </View>
        ) : null}
      </View>
      <DateChoice
        startOn={startOn}
        endOn={endOn}
        today={today}
        count={n}
        maxCount={maxCount}
        periodDays={perPeriod}
        days={calendar.data?.days ?? null}
        onStart={(d) => {
          setStart(d);
          setFree(null);
        }}
        onCount={(c) => {
          setCount(c);
          setFree(null);
        }}
        error={errors.startOn ?? errors.endOn}
      />
      {delivers ? (
        <View className="card">
          <Text className="field-label">怎么领取</Text>
          <ChoiceGrid
            id="book-handover"
            choices={[
              { value: 'pickup', label: '自己去取' },
              { value: 'delivery', label: '送货上门' },
            ]}
            value={handover}
            onChange={setHandover}
          />
          {handover === 'delivery' ? (
            <Field
              id="book-address"
              label="送到哪里"
              value={address}
              maxlength={100}
              placeholder="比如：3号楼2单元301"
              onChange={setAddress}
              error={errors.deliveryAddress}
            />
          ) : null}
        </View>
      ) : null}
      <View className="card">
        <Text className="field-label">申请补贴</Text>
        <Text className="t-body t-block" id="book-subsidy-rule">
          {subsidyText(it)}
        </Text>
        <ChoiceGrid
          id="book-eligibility"
          choices={[
            { value: 'none' as Eligibility, label: '不申请' },
            ...rentalEligibilities.map((e) => ({ value: e as Eligibility, label: rentalEligibilityLabels[e] })),
          ]}
          value={eligibility}
          onChange={setEligibility}
        />
        <Text className="field-hint t-block">只需选择类别，不用填写病情。领取时工作人员会核对。</Text>
        {errors.eligibility ? <Text className="field-error t-block">{errors.eligibility}</Text> : null}
      </View>
      <View className="card">
        <Field
          id="book-note"
          label="备注（可不填）"
          multiline
          value={note}
          maxlength={200}
          placeholder="比如：希望上午去取"
          onChange={setNote}
          error={errors.note}
        />
      </View>
      {price ? <PriceBox id="book-price" quote={price} /> : null}
      {free ? (
        <View className="card rental-offer" id="book-unavailable">
          <Text className="t-title t-block">这段时间没有空闲的了</Text>
          {free.length ? (
            <View>
              <Text className="t-body t-block gap-top">可以换个开始日期，点一下就选上：</Text>
              {free.map((r) => (
                <Button
                  key={r.startOn}
                  id={`book-free-${r.startOn}`}
                  className="btn btn--plain btn--block"
                  onClick={() => {
                    setStart(r.startOn);
                    setFree(null);
                  }}
                >
                  {r.startOn === r.endOn
                    ? `${dayLabel(r.startOn, today)}开始`
                    : `${dayLabel(r.startOn, today)}到${dayLabel(r.endOn, today)}之间开始`}
                </Button>
              ))}
            </View>
          ) : (
            <Text className="t-body t-block gap-top">60天内都没有空闲。</Text>
          )}
          <Text className="t-body t-block gap-top">也可以排队，有空闲时会通知您，保留24小时。</Text>
          <Button
            id="book-waitlist"
            className="btn btn--primary btn--block gap-top"
            disabled={sending.busy || undefined}
            onClick={() => void send(true)}
          >
            排队等候
          </Button>
        </View>
      ) : null}
      <FormError id="book-form-error" message={sending.formError} retry={sending.retry} />
      <Button
        id="book-submit"
        className="btn btn--primary btn--block gap-top"
        disabled={sending.busy || undefined}
        onClick={() => void send(false)}
      >
        {sending.busy ? '正在提交…' : '提交预约'}
      </Button>
    </PageShell>
  );
}
