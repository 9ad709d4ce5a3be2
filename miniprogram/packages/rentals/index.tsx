import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { type RentalCategory, rentalCategories, rentalCategoryLabels } from '../../../shared/enums';
import { currentMembership, ensureSession, useSession } from '../../api/session';
import { MembersOnly } from '../../components/board/MembersOnly';
import { PageShell } from '../../components/PageShell';
import { ItemCard } from '../../components/rentals/ItemCard';
import { PointCard } from '../../components/rentals/PointCard';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { isOutsider, useRentalItems } from '../../hooks/rentals';
import { cx } from '../../lib/format';
import { go, intParam, routes } from '../../lib/routes';
import '../../components/rentals/rentals.css';

const isCategory = (v: string | undefined): v is RentalCategory =>
  v !== undefined && (rentalCategories as readonly string[]).includes(v);

/** 辅具租借 of a community (?communityId=, else the current one): devices by category, the service points. */
export default function RentalsIndex() {
  const params = useRouter().params;
  const session = useSession();
  const current = currentMembership(session.me);
  const communityId = intParam(params.communityId) ?? current?.communityId ?? null;
  const [category, setCategory] = useState<RentalCategory | null>(isCategory(params.category) ? params.category : null);
  const signedIn = session.status === 'signed-in';
  const member = session.me?.memberships.find((m) => m.communityId === communityId && m.status === 'approved') ?? null;
  const catalogue = useRentalItems(communityId, category, signedIn && member !== null);

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && member) void catalogue.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void catalogue.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: '社区辅具租借：轮椅、助行器、护理床',
    path: communityId ? routes.rentals(communityId) : routes.home,
  }));

  const code = catalogue.error?.code;
  if (
    communityId === null ||
    session.status === 'signed-out' ||
    (signedIn && (!member || code === 'FORBIDDEN' || (code === 'NOT_FOUND' && isOutsider(session, communityId))))
  ) {
    return (
      <PageShell id="rentals" title="辅具租借">
        <MembersOnly id="rentals-members-only" communityId={communityId} signedIn={signedIn} what="辅具租借" />
      </PageShell>
    );
  }

  const data = catalogue.data;
  return (
    <PageShell id="rentals" title="辅具租借">
      <View className="card">
        <Text className="t-body t-block">
          轮椅、助行器、护理床等可以在社区借用。选好器具和日期预约，到服务点领取，用完还回来。
        </Text>
        <Text
          id="rentals-mine"
          className="link t-body t-block gap-top"
          onClick={() => go(routes.myRentals(communityId))}
        >
          我的借用
        </Text>
      </View>
      <View className="chips rental-chips" id="rentals-categories">
        <View
          id="rentals-category-all"
          className={cx('chip', category === null && 'chip--on')}
          onClick={() => setCategory(null)}
        >
          全部
        </View>
        {rentalCategories.map((c) => (
          <View
            key={c}
            id={`rentals-category-${c}`}
            className={cx('chip', category === c && 'chip--on')}
            onClick={() => setCategory(c)}
          >
            {rentalCategoryLabels[c]}
          </View>
        ))}
      </View>
      {!member ? (
        <Empty id="rentals-waiting" text="正在登录…" />
      ) : catalogue.error ? (
        <ErrorState error={catalogue.error} onRetry={catalogue.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <View>
          {data.items.length === 0 ? (
            <Empty
              id="rentals-empty"
              text={category ? `现在没有可借的${rentalCategoryLabels[category]}` : '社区还没有可以借的器具'}
            />
          ) : (
            data.items.map((it) => (
              <ItemCard key={it.id} item={it} onOpen={() => go(routes.rentalItem(communityId, it.id))} />
            ))
          )}
          {data.points.map((p) => (
            <PointCard key={p.id} id={`rentals-point-${p.id}`} point={p} />
          ))}
        </View>
      )}
    </PageShell>
  );
}
