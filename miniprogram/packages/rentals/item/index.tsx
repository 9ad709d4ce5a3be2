import { Button, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect } from 'react';
import { yuan } from '../../../../shared/domain/rental-fees';
import { rentalCategoryLabels } from '../../../../shared/enums';
import { ensureSession, useSession } from '../../../api/session';
import { MembersOnly } from '../../../components/board/MembersOnly';
import { fileUrl } from '../../../components/notice/NoticeView';
import { PageShell } from '../../../components/PageShell';
import { BookingCard } from '../../../components/rentals/BookingCard';
import { RentalCalendar } from '../../../components/rentals/Calendar';
import { PointCard } from '../../../components/rentals/PointCard';
import { shareTitle, subsidyText } from '../../../components/rentals/text';
import { ErrorState, Loading } from '../../../components/StateView';
import { isOutsider, type RentalItemDetail, useRentalCalendar, useRentalItem } from '../../../hooks/rentals';
import { isH5 } from '../../../lib/env';
import { go, intParam, routes } from '../../../lib/routes';
import '../../../components/rentals/rentals.css';

function copyLink() {
  void Taro.setClipboardData({ data: window.location.href }).then(
    () => Taro.showToast({ title: '链接已复制，可以发给家人', icon: 'none' }),
    () => undefined,
  );
}

function PhotoSwiper(props: { urls: string[] }) {
  const urls = props.urls.map(fileUrl);
  if (urls.length === 0) return null;
  return (
    <Swiper id="rental-item-photos" className="rental-swiper" indicatorDots={urls.length > 1} circular>
      {urls.map((u, i) => (
        <SwiperItem key={u}>
          <Image
            id={`rental-item-photo-${i}`}
            className="rental-swiper-photo"
            src={u}
            mode="aspectFit"
            onClick={() => void Taro.previewImage({ urls, current: u }).catch(() => undefined)}
          />
        </SwiperItem>
      ))}
    </Swiper>
  );
}

/** The terms in plain words: what it costs, the deposit, the subsidy, how long, how many, cleaning days. */
function Terms(props: { item: RentalItemDetail }) {
  const it = props.item;
  const lines: [string, string][] = [
    ['费用', it.feeText],
    ['押金', it.depositFen > 0 ? `押金${yuan(it.depositFen)}，还回后退还` : '不收押金'],
    ['补贴', subsidyText(it)],
    ['最长', `最长可借${it.maxDays}天`],
    ['每户', `每户最多同时借${it.perHousehold}件`],
    ['清洁', `每次还回后清洁${it.bufferDays}天再借出`],
    ['确认', it.selfService ? '有空闲就马上借给您，到时候去领取' : '预约后由服务点工作人员确认'],
  ];
  if (it.delivery) lines.push(['送货', '可以送货上门']);
  return (
    <View className="card" id="rental-item-terms">
      <Text className="t-title t-block">借用须知</Text>
      {lines.map(([key, words]) => (
        <Text key={key} className="t-body t-block gap-top" id={`rental-item-terms-${key}`}>
          · {words}
        </Text>
      ))}
    </View>
  );
}

/** One device: photos, what it is and costs, 60 days of free units, the household's bookings of it. */
export default function RentalItemPage() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const itemId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const item = useRentalItem(communityId, itemId, signedIn);
  const calendar = useRentalCalendar(communityId, itemId, signedIn && item.data !== null);
  const it = item.data;

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  usePullDownRefresh(() => {
    void Promise.all([item.reload(), calendar.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  useShareAppMessage(() => ({
    title: it ? shareTitle(it.name) : '社区辅具租借',
    path: communityId && itemId ? routes.rentalItem(communityId, itemId) : routes.home,
  }));

  const alone = Taro.getCurrentPages().length <= 1;
  const code = item.error?.code;
  const outsider = code === 'NOT_FOUND' && isOutsider(session, communityId);
  const missing = communityId === null || itemId === null || (code === 'NOT_FOUND' && !outsider);
  const membersOnly = code === 'FORBIDDEN' || outsider || session.status === 'signed-out';

  let content: JSX.Element;
  if (missing) {
    content = (
      <View className="state" id="rental-item-missing">
        <Text className="state-text t-body">没有找到这件器具，可能已经不再出借</Text>
      </View>
    );
  } else if (membersOnly) {
    content = (
      <MembersOnly id="rental-item-members-only" communityId={communityId} signedIn={signedIn} what="辅具租借" />
    );
  } else if (item.error) {
    content = <ErrorState error={item.error} onRetry={item.reload} />;
  } else if (!it) {
    content = <Loading />;
  } else {
    const cid = communityId as number;
    content = (
      <View>
        <PhotoSwiper urls={it.photoUrls} />
        <View className="card" id="rental-item-view">
          <Text className="tag tag--info">{rentalCategoryLabels[it.category]}</Text>
          <Text className="t-hero t-block gap-top" id="rental-item-name">
            {it.name}
          </Text>
          <Text className="t-title t-block rental-fee" id="rental-item-fee">
            {it.feeText}
          </Text>
          {it.suitableFor ? (
            <Text className="t-body t-block gap-top rental-text" id="rental-item-suits">
              适合谁：{it.suitableFor}
            </Text>
          ) : null}
          {it.specs ? (
            <Text className="t-body t-block gap-top rental-text" id="rental-item-specs">
              规格：{it.specs}
            </Text>
          ) : null}
          <Text
            className={`t-body t-block gap-top rental-free ${it.freeToday > 0 ? 'rental-free--yes' : 'rental-free--no'}`}
            id="rental-item-free"
          >
            {it.freeToday > 0 ? `今天可借 ${it.freeToday} 件（共${it.units}件）` : '暂无空闲，可以预约排队'}
          </Text>
        </View>
        {it.myBookings.length ? (
          <View className="card" id="rental-item-mine">
            <Text className="t-title t-block">您家的预约</Text>
            {it.myBookings.map((b) => (
              <BookingCard key={b.id} booking={b} onOpen={() => go(routes.rentalBooking(cid, b.id))} />
            ))}
          </View>
        ) : null}
        <Button
          id="rental-item-book"
          className="btn btn--primary btn--block"
          onClick={() => go(routes.rentalBook(cid, it.id))}
        >
          预约借用
        </Button>
        {isH5 ? (
          <Button id="rental-item-copy-link" className="btn btn--plain btn--block" onClick={copyLink}>
            分享给家人（复制链接）
          </Button>
        ) : (
          <Button id="rental-item-share" className="btn btn--plain btn--block" openType="share">
            分享给家人
          </Button>
        )}
        <Terms item={it} />
        <View className="card" id="rental-item-calendar">
          <Text className="t-title t-block">未来60天哪天有空闲</Text>
          {calendar.error ? (
            <ErrorState id="rental-calendar-error" error={calendar.error} onRetry={calendar.reload} />
          ) : calendar.data ? (
            <RentalCalendar id="rental-calendar" days={calendar.data.days} />
          ) : (
            <Loading id="rental-calendar-loading" />
          )}
        </View>
        <PointCard id="rental-item-point" point={it.point} />
      </View>
    );
  }

  return (
    <PageShell id="rental-item" title="器具详情">
      {content}
      {alone || missing ? (
        <Button id="rental-item-home" className="btn btn--plain btn--block gap-top" onClick={() => go(routes.home)}>
          回首页
        </Button>
      ) : null}
    </PageShell>
  );
}
