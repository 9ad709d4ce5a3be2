import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AdminShell } from '../../../components/AdminShell';
import { ListState } from '../../../components/ListState';
import { NeighbourDashboardCounts } from '../../../components/neighbours-admin/DashboardCounts';
import { RentalTodayCounts } from '../../../components/rentals-admin/TodayCounts';
import { ErrorState, Loading } from '../../../components/StateView';
import { adminPickerStore, chooseAdminCommunity, useAdminCommunity, useDashboard } from '../../../hooks/admin';
import { useCommittees } from '../../../hooks/committees';
import { visibleSections } from '../../../lib/admin-menu';
import { cx } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';
import { useStore } from '../../../lib/store';

export default function AdminDashboard() {
  const picking = useStore(adminPickerStore);
  return (
    <AdminShell id="admin-dashboard" section="dashboard" needsCommunity={false}>
      {(communityId) =>
        communityId === 0 || picking ? (
          <CommunityPicker onPicked={() => adminPickerStore.set(false)} canCancel={communityId !== 0} />
        ) : (
          <Dashboard communityId={communityId} />
        )
      }
    </AdminShell>
  );
}

function Dashboard(props: { communityId: number }) {
  const dashboard = useDashboard(props.communityId);
  const admin = useAdminCommunity();
  const shown = useRef(false);
  useDidShow(() => {
    // Back from the queue: the counts have changed.
    if (shown.current) void dashboard.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void dashboard.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const d = dashboard.data;
  const counts = d
    ? [
        {
          id: 'count-pending',
          label: '待审核',
          value: d.pendingMemberships,
          url: routes.adminMemberships,
          strong: d.pendingMemberships > 0,
        },
        { id: 'count-residents', label: '已加入居民', value: d.residents, url: routes.adminMemberships },
        { id: 'count-households', label: '登记房屋', value: d.households, url: routes.adminHouseholds },
        { id: 'count-invitations', label: '有效邀请码', value: d.activeInvitations, url: routes.adminInvitations },
        {
          id: 'count-notices-month',
          label: '本月发布通知',
          value: d.notices.publishedThisMonth,
          url: routes.adminNotices,
        },
        {
          id: 'count-read-rate',
          label: '平均阅读率',
          value: d.notices.averageReadRate === null ? '—' : `${Math.round(d.notices.averageReadRate * 100)}%`,
          url: routes.adminNotices,
        },
        { id: 'count-open-signups', label: '报名中的活动', value: d.notices.openSignups, url: routes.adminNotices },
        {
          id: 'count-open-matters',
          label: '待办的小事快办',
          value: d.matters.open,
          url: routes.adminMatters,
          strong: d.matters.open > 0,
        },
        { id: 'count-matters-done', label: '本月办结', value: d.matters.doneThisMonth, url: routes.adminMatters },
        {
          id: 'count-matter-rating',
          label: '本月平均评分',
          value: d.matters.averageRating === null ? '—' : `${d.matters.averageRating}分`,
          url: routes.adminMatterStats,
        },
        {
          id: 'count-reported',
          label: '被举报的内容',
          value: d.moderation.reported,
          url: routes.adminReview,
          strong: d.moderation.reported > 0,
        },
        {
          id: 'count-held',
          label: '待审核的内容',
          value: d.moderation.held,
          url: routes.adminReview,
          strong: d.moderation.held > 0,
        },
        {
          id: 'count-appealed',
          label: '待处理的申诉',
          value: d.moderation.appealed,
          url: routes.adminReview,
          strong: d.moderation.appealed > 0,
        },
      ]
    : [];

  return (
    <View>
      {dashboard.loading && !d ? (
        <Loading />
      ) : dashboard.error ? (
        <ErrorState error={dashboard.error} onRetry={dashboard.reload} admin />
      ) : (
        <View className="admin-grid" id="admin-counts">
          {counts.map((c) => (
            <View key={c.id} className="admin-cell">
              <View className="card count-card" id={c.id} onClick={() => c.url && go(c.url)}>
                <Text className={cx('t-hero t-block count-value', c.strong && 't-danger')}>{c.value}</Text>
                <Text className="t-body t-block">{c.label}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
      <RentalTodayCounts communityId={props.communityId} />
      <NeighbourDashboardCounts communityId={props.communityId} />

      <Text className="section-title">要办的事</Text>
      <View className="admin-grid" id="admin-tiles">
        {visibleSections(admin.isAdmin)
          .filter((section) => section.id !== 'dashboard')
          .map((section) => (
            <View key={section.id} className="admin-cell">
              <View id={`admin-nav-${section.id}`} className="admin-tile" onClick={() => go(section.route)}>
                <Text className="admin-tile-icon">{section.icon}</Text>
                <Text className="admin-tile-title">{section.title}</Text>
              </View>
            </View>
          ))}
      </View>
    </View>
  );
}

/** A moderator of several committees, or a platform admin, chooses which one to work on. */
function CommunityPicker(props: { onPicked: () => void; canCancel: boolean }) {
  const admin = useAdminCommunity();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const all = useCommittees({ q, streetId: null, position: null }, admin.isAdmin);
  const pick = (id: number) => {
    chooseAdminCommunity(id);
    props.onPicked();
  };
  return (
    <View id="admin-community-picker">
      <View className="row row--between">
        <Text className="section-title grow">选择要管理的社区</Text>
        {props.canCancel ? (
          <Button id="admin-picker-cancel" className="btn btn--plain btn--small" onClick={props.onPicked}>
            不换了
          </Button>
        ) : null}
      </View>
      {admin.communities.map((c) => (
        <View key={c.id} id={`admin-community-${c.id}`} className="item" onClick={() => pick(c.id)}>
          <Text className="item-title">{c.name}</Text>
        </View>
      ))}
      {admin.isAdmin ? (
        <View>
          {/* A new platform has no committee to pick yet: 街镇管理 is where they are created. */}
          <Button
            id="admin-nav-platform"
            className="btn btn--plain btn--block gap-top"
            onClick={() => go(routes.adminPlatform)}
          >
            街镇管理
          </Button>
          <Text className="t-small t-block gap-top">新建居委、添加工作人员账号、任命管理员，都在「街镇管理」里。</Text>
          <View className="row gap-top">
            <Input
              id="admin-community-search"
              className="input grow"
              value={draft}
              placeholder="输入居委名称"
              onInput={(e) => setDraft(e.detail.value)}
              onConfirm={() => setQ(draft)}
            />
            <Button className="btn btn--primary btn--small search-btn" onClick={() => setQ(draft)}>
              搜索
            </Button>
          </View>
          <View className="gap-top">
            <ListState list={all} emptyText="没有找到" admin itemsClassName="admin-list">
              {(items) =>
                items.map((c) => (
                  <View key={c.id} id={`admin-community-${c.id}`} className="item" onClick={() => pick(c.id)}>
                    <Text className="item-title t-block">{c.name}</Text>
                    <Text className="t-small">
                      {c.districtName} · {c.streetName}
                    </Text>
                  </View>
                ))
              }
            </ListState>
          </View>
        </View>
      ) : admin.communities.length === 0 ? (
        <Text className="t-body t-block" id="admin-no-communities">
          您的账号还没有分配社区，请联系街镇管理员。
        </Text>
      ) : null}
    </View>
  );
}
