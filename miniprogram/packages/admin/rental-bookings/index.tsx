import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { calendarDate } from '../../../../shared/contracts/rentals';
import { type RentalBookingStatus, rentalBookingStatuses, rentalBookingStatusLabels } from '../../../../shared/enums';
import { showError } from '../../../api/client';
import { AdminShell } from '../../../components/AdminShell';
import { Field } from '../../../components/Form';
import { ListState } from '../../../components/ListState';
import { BookingRow } from '../../../components/rentals-admin/BookingRow';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import {
  bookingsXlsxRequest,
  inventoryXlsxRequest,
  useRentalItems,
  useRentalWaitlist,
  useStaffBookings,
} from '../../../hooks/rentals-admin';
import { cx, formatDateTime } from '../../../lib/format';
import { downloadXlsx } from '../../../lib/notice-files';

/** 预约管理: bookings by status, item and 逾期; the waiting list; the two spreadsheets. */
export default function AdminRentalBookings() {
  const status = useRouter().params.status;
  const initial = (rentalBookingStatuses as readonly string[]).includes(status ?? '')
    ? (status as RentalBookingStatus)
    : null;
  return (
    <AdminShell id="admin-rental-bookings" section="rental-bookings">
      {(communityId) => <Bookings communityId={communityId} initial={initial} />}
    </AdminShell>
  );
}

type Tab = RentalBookingStatus | 'all' | 'waitlist';

function Bookings(props: { communityId: number; initial: RentalBookingStatus | null }) {
  const [tab, setTab] = useState<Tab>(props.initial ?? 'all');
  const [itemId, setItemId] = useState<number | null>(null);
  const [overdue, setOverdue] = useState(false);
  const items = useRentalItems(props.communityId);
  return (
    <View>
      <Exports communityId={props.communityId} />
      <View className="chips tabs gap-top" id="rental-tabs">
        {(['all', ...rentalBookingStatuses, 'waitlist'] as Tab[]).map((t) => (
          <View
            key={t}
            id={`rental-tab-${t}`}
            className={cx('chip', t === tab && 'chip--on')}
            onClick={() => setTab(t)}
          >
            {t === 'all' ? '全部' : t === 'waitlist' ? '排队名单' : rentalBookingStatusLabels[t]}
          </View>
        ))}
      </View>
      <View className="chips" id="rental-items-filter">
        <View
          id="rental-item-all"
          className={cx('chip', itemId === null && 'chip--on')}
          onClick={() => setItemId(null)}
        >
          全部器具
        </View>
        {(items.data?.items ?? []).map((i) => (
          <View
            key={i.id}
            id={`rental-item-${i.id}`}
            className={cx('chip', itemId === i.id && 'chip--on')}
            onClick={() => setItemId(i.id)}
          >
            {i.name}
          </View>
        ))}
        {tab === 'waitlist' ? null : (
          <View id="rental-overdue" className={cx('chip', overdue && 'chip--on')} onClick={() => setOverdue(!overdue)}>
            只看逾期
          </View>
        )}
      </View>
      {tab === 'waitlist' ? (
        <Waitlist communityId={props.communityId} itemId={itemId} />
      ) : (
        <List communityId={props.communityId} status={tab === 'all' ? null : tab} itemId={itemId} overdue={overdue} />
      )}
    </View>
  );
}

function List(props: {
  communityId: number;
  status: RentalBookingStatus | null;
  itemId: number | null;
  overdue: boolean;
}) {
  const list = useStaffBookings(props.communityId, props);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  return (
    <ListState list={list} admin itemsClassName="admin-list" emptyText="没有这样的预约">
      {(items) => items.map((b) => <BookingRow key={b.id} booking={b} showPhone={props.overdue} />)}
    </ListState>
  );
}

function Waitlist(props: { communityId: number; itemId: number | null }) {
  const wait = useRentalWaitlist(props.communityId, props.itemId);
  if (wait.loading && !wait.data) return <Loading />;
  if (wait.error) return <ErrorState error={wait.error} onRetry={wait.reload} admin />;
  const items = wait.data?.items ?? [];
  if (items.length === 0) return <Empty id="rental-waitlist-empty" text="没有人在排队" />;
  return (
    <View className="admin-list" id="rental-waitlist">
      {items.map((b) => (
        <View key={b.id}>
          <BookingRow booking={b} idPrefix="waiting" showPhone />
          {b.offerExpiresAt ? (
            <Text className="t-small t-block" id={`waiting-${b.id}-offer`}>
              已为他保留，{formatDateTime(b.offerExpiresAt)} 前确认
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

const dateSchema = calendarDate('日期格式应为 2026-12-01');

function Exports({ communityId }: { communityId: number }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const [busy, setBusy] = useState<'bookings' | 'inventory' | null>(null);
  const run = async (which: 'bookings' | 'inventory') => {
    const e: { from?: string; to?: string } = {};
    if (which === 'bookings') {
      if (from.trim() && !dateSchema.safeParse(from.trim()).success) e.from = '日期格式应为 2026-12-01';
      if (to.trim() && !dateSchema.safeParse(to.trim()).success) e.to = '日期格式应为 2026-12-01';
      setErrors(e);
      if (e.from || e.to) return;
    }
    setBusy(which);
    try {
      if (which === 'bookings')
        await downloadXlsx(
          await bookingsXlsxRequest(communityId, from.trim() || null, to.trim() || null),
          `预约表${from.trim() ? `-${from.trim()}` : ''}.xlsx`,
        );
      else await downloadXlsx(await inventoryXlsxRequest(communityId), '库存表.xlsx');
    } catch {
      showError('没有导出成功，请稍后再试');
    } finally {
      setBusy(null);
    }
  };
  return (
    <View className="card" id="rental-exports">
      <View className="row row--wrap">
        <Field
          id="rental-export-from"
          label="从（可不填）"
          value={from}
          onChange={setFrom}
          placeholder="2026-12-01"
          maxlength={10}
          error={errors.from}
        />
        <Field
          id="rental-export-to"
          label="到（可不填）"
          value={to}
          onChange={setTo}
          placeholder="2026-12-31"
          maxlength={10}
          error={errors.to}
        />
      </View>
      <View className="btn-row">
        <Button
          id="rental-export-bookings"
          className="btn btn--plain"
          disabled={busy !== null || undefined}
          onClick={() => void run('bookings')}
        >
          {busy === 'bookings' ? '正在导出…' : '下载预约表'}
        </Button>
        <Button
          id="rental-export-inventory"
          className="btn btn--plain"
          disabled={busy !== null || undefined}
          onClick={() => void run('inventory')}
        >
          {busy === 'inventory' ? '正在导出…' : '下载库存表'}
        </Button>
      </View>
    </View>
  );
}
