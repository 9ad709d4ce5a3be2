import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { CommitteeCard } from '../../../../shared/contracts/committees';
import { weekdayLabels } from '../../../../shared/domain/office-hours';
import { membershipStatusLabels } from '../../../../shared/enums';
import { ensureSession, useSession } from '../../../api/session';
import { OfficeHoursView, UpcomingClosures } from '../../../components/OfficeHours';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { useHouseRules } from '../../../hooks/agora';
import { useCommitteeCard } from '../../../hooks/committees';
import { membershipFor } from '../../../hooks/memberships';
import { isH5 } from '../../../lib/env';
import { formatDistance } from '../../../lib/format';
import { back, go, intParam, routes } from '../../../lib/routes';
import './index.css';
import { lastPosition } from '../../../lib/location';
import { callPhone } from '../../../lib/phone';

const call = (phone: string) => callPhone(phone);

function openMap(card: CommitteeCard) {
  if (card.lat === null || card.lng === null) return;
  if (isH5) {
    // Browsers have no WeChat map: open Amap's web marker (GCJ-02, like our coordinates).
    const url = `https://uri.amap.com/marker?position=${card.lng},${card.lat}&name=${encodeURIComponent(card.name)}&coordinate=gaode&callnative=1`;
    window.open(url, '_blank');
    return;
  }
  Taro.openLocation({
    latitude: card.lat,
    longitude: card.lng,
    name: card.name,
    address: card.address,
    scale: 17,
  }).catch(() => undefined);
}

export default function CommitteeCardPage() {
  const router = useRouter();
  const communityId = intParam(router.params.id);
  // The distance shows when 找居委 already had the position; the card never asks for it.
  const [position] = useState(lastPosition);
  const card = useCommitteeCard(communityId, position);
  const session = useSession();
  // 住户守则 (public): the link shows only when the community has adopted one.
  const houseRules = useHouseRules(communityId);

  // Opened from a shared card: sign in quietly so that 申请加入 knows who is asking.
  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);

  const name = card.data?.name;
  useEffect(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name });
  }, [name]);

  useShareAppMessage(() => ({
    title: card.data ? `${card.data.name}：电话、地址和办公时间` : '居委会联系卡',
    path: communityId ? routes.committeeCard(communityId) : routes.committees,
  }));

  // 分享到朋友圈: opens the card in WeChat's single-page mode, with the id in the query.
  useShareTimeline(() => ({
    title: card.data ? `${card.data.name}：电话、地址和办公时间` : '居委会联系卡',
    query: communityId ? `id=${communityId}` : '',
  }));

  if (communityId === null) {
    return (
      <PageShell id="committee-card" title="居委会">
        <View className="state" id="state-error">
          <Text className="state-text t-body t-danger">没有找到这个居委，链接可能不完整</Text>
          <Button id="card-home" className="btn btn--primary" onClick={() => go(routes.committees)}>
            去找居委
          </Button>
        </View>
      </PageShell>
    );
  }

  const c = card.data;
  const membership = c && session.me ? membershipFor(session.me.memberships, c.id) : null;
  const onDuty = c?.staff.filter((s) => s.onDutyToday) ?? [];
  const alone = Taro.getCurrentPages().length <= 1;

  return (
    <PageShell id="committee-card" title="居委会">
      {card.loading && !c ? (
        <Loading />
      ) : card.error ? (
        <ErrorState error={card.error} onRetry={card.reload} />
      ) : c ? (
        <View>
          <View className="card">
            <Text className="t-hero t-block" id="card-name">
              {c.name}
            </Text>
            <Text className="t-small t-block">
              {c.districtName} · {c.streetName}
            </Text>
            <Text className="t-body t-block gap-top" id="card-address">
              地址：{c.address}
              {c.distanceM !== null ? `（离您${formatDistance(c.distanceM)}）` : ''}
            </Text>
            {c.phone ? (
              <Text className="t-body t-block" id="card-phone-text">
                电话：{c.phone}
              </Text>
            ) : null}
            <View className="btn-row gap-top">
              {c.phone ? (
                <Button id="card-call" className="btn btn--primary" onClick={() => call(c.phone as string)}>
                  打电话
                </Button>
              ) : null}
              {c.lat !== null && c.lng !== null ? (
                <Button id="card-map" className="btn btn--plain" onClick={() => openMap(c)}>
                  看地图
                </Button>
              ) : null}
            </View>
          </View>

          <Text className="section-title">办公时间</Text>
          <View className="card">
            <OfficeHoursView hours={c.officeHours} />
            <UpcomingClosures hours={c.officeHours} />
            {c.officeNote ? <Text className="t-body t-block gap-top">{c.officeNote}</Text> : null}
          </View>

          <Text className="section-title">今天值班</Text>
          <View className="card" id="card-staff">
            {onDuty.length === 0 ? (
              <Text className="t-body t-muted">今天没有安排值班人员，可以打居委电话。</Text>
            ) : (
              onDuty.map((s) => (
                <View key={s.id} className="row row--between staff-item" id={`staff-${s.id}`}>
                  <View className="grow">
                    <Text className="t-body t-block">
                      {s.name}（{s.title}）
                    </Text>
                    <Text className="t-small t-block">
                      值班：{s.dutyWeekdays.map((d) => weekdayLabels[d]).join('、')}
                    </Text>
                  </View>
                  {s.phone ? (
                    <Button
                      id={`staff-call-${s.id}`}
                      className="btn btn--plain btn--small"
                      onClick={() => call(s.phone as string)}
                    >
                      打电话
                    </Button>
                  ) : null}
                </View>
              ))
            )}
          </View>

          {c.intro ? (
            <View>
              <Text className="section-title">居委介绍</Text>
              <View className="card">
                <Text className="t-body" id="card-intro">
                  {c.intro}
                </Text>
              </View>
            </View>
          ) : null}

          {houseRules.data?.current ? (
            <Button
              id="card-house-rules"
              className="btn btn--plain btn--block"
              onClick={() => go(routes.houseRules(c.id))}
            >
              住户守则
            </Button>
          ) : null}

          <View className="card" id="card-membership">
            {membership && (membership.status === 'approved' || membership.status === 'pending') ? (
              <View>
                <Text className="t-body t-block" id="card-membership-status">
                  您在这个社区：{membershipStatusLabels[membership.status]}
                </Text>
                {membership.status === 'pending' ? (
                  <Text className="t-small t-block">居委工作人员核对后就会通过，请耐心等待。</Text>
                ) : null}
              </View>
            ) : (
              <View>
                {membership?.status === 'rejected' ? (
                  <Text className="t-body t-block t-danger" id="card-membership-status">
                    上次申请没有通过：{membership.reason || '居委没有写明原因'}
                  </Text>
                ) : (
                  <Text className="t-body t-block">住在这个社区？申请加入后可以看通知、找邻居。</Text>
                )}
                <Button
                  id="card-join"
                  className="btn btn--primary btn--block gap-top"
                  onClick={() => go(routes.join(c.id))}
                >
                  {membership?.status === 'rejected' ? '重新申请加入' : '申请加入'}
                </Button>
                <Button id="card-invite" className="btn btn--plain btn--block" onClick={() => go(routes.invite)}>
                  我有邀请码
                </Button>
              </View>
            )}
          </View>

          {alone ? (
            <Button id="card-back-home" className="btn btn--plain btn--block" onClick={back}>
              回到首页
            </Button>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
