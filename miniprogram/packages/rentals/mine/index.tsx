import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { currentMembership, ensureSession, useSession } from '../../../api/session';
import { MembersOnly } from '../../../components/board/MembersOnly';
import { ListState } from '../../../components/ListState';
import { PageShell } from '../../../components/PageShell';
import { BookingCard } from '../../../components/rentals/BookingCard';
import { Empty } from '../../../components/StateView';
import { type BookingScope, useMinuteClock, useMyBookings } from '../../../hooks/rentals';
import { cx } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import '../../../components/rentals/rentals.css';

const tabs: { value: BookingScope; label: string }[] = [
  { value: 'active', label: '进行中' },
  { value: 'past', label: '已结束' },
];

/** 我的借用: the household's bookings, 进行中 (排队 / 待确认 / 已确认 / 已借出) and 已结束. */
export default function MyRentals() {
  const params = useRouter().params;
  const session = useSession();
  const communityId = intParam(params.communityId) ?? currentMembership(session.me)?.communityId ?? null;
  const [scope, setScope] = useState<BookingScope>(params.scope === 'past' ? 'past' : 'active');
  const signedIn = session.status === 'signed-in';
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved') ?? null;
  const list = useMyBookings(communityId, scope, signedIn && member !== null);
  const now = useMinuteClock(list.items.some((b) => b.status === 'offered'));

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && member) void list.reload();
    shown.current = true;
  });
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const code = list.error?.code;
  if (
    communityId === null ||
    session.status === 'signed-out' ||
    (signedIn && (!member || code === 'FORBIDDEN' || code === 'NOT_FOUND'))
  ) {
    return (
      <PageShell id="my-rentals" title="我的借用">
        <MembersOnly id="my-rentals-members-only" communityId={communityId} signedIn={signedIn} what="辅具租借" />
      </PageShell>
    );
  }

  return (
    <PageShell id="my-rentals" title="我的借用">
      <View className="chips rental-tabs" id="my-rentals-tabs">
        {tabs.map((t) => (
          <View
            key={t.value}
            id={`my-rentals-tab-${t.value}`}
            className={cx('chip', scope === t.value && 'chip--on')}
            onClick={() => setScope(t.value)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {!member ? (
        <Empty id="my-rentals-waiting" text="正在登录…" />
      ) : (
        <ListState
          list={list}
          emptyText={scope === 'active' ? '现在没有在借或预约的器具' : '还没有已结束的借用'}
          emptyAction={
            <View className="link t-body" id="my-rentals-browse" onClick={() => go(routes.rentals(communityId))}>
              去看看可以借什么
            </View>
          }
        >
          {(items) =>
            items.map((b) => (
              <BookingCard
                key={b.id}
                booking={b}
                now={now}
                onOpen={() => go(routes.rentalBooking(communityId, b.id))}
              />
            ))
          }
        </ListState>
      )}
    </PageShell>
  );
}
