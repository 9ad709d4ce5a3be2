import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { signOut } from '../../../api/session';
import { AdminGate } from '../../../components/AdminGate';
import { ListState } from '../../../components/ListState';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { chooseAdminCommunity, useAdminCommunity, useDashboard } from '../../../hooks/admin';
import { useCommittees } from '../../../hooks/committees';
import { cx } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';

export default function AdminDashboard() {
  const [picking, setPicking] = useState(false);
  return (
    <PageShell id="admin-dashboard" admin>
      <AdminGate needsCommunity={false}>
        {(communityId) =>
          communityId === 0 || picking ? (
            <CommunityPicker onPicked={() => setPicking(false)} />
          ) : (
            <Dashboard communityId={communityId} onSwitch={() => setPicking(true)} />
          )
        }
      </AdminGate>
    </PageShell>
  );
}

function Dashboard(props: { communityId: number; onSwitch: () => void }) {
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
        { id: 'count-households', label: '登记房屋', value: d.households },
        { id: 'count-invitations', label: '有效邀请码', value: d.activeInvitations, url: routes.adminInvitations },
      ]
    : [];

  return (
    <View>
      <View className="card row row--between">
        <View className="grow">
          <Text className="t-small t-block">正在管理</Text>
          <Text className="t-hero t-block" id="admin-community">
            {d?.communityName ?? admin.communities.find((c) => c.id === props.communityId)?.name ?? '…'}
          </Text>
        </View>
        {admin.isAdmin || admin.communities.length > 1 ? (
          <Button id="admin-switch" className="btn btn--plain btn--small" onClick={props.onSwitch}>
            换社区
          </Button>
        ) : null}
      </View>

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

      <Text className="section-title">要办的事</Text>
      <View className="admin-grid">
        {[
          { id: 'admin-nav-memberships', text: '审核居民申请', url: routes.adminMemberships },
          { id: 'admin-nav-invitations', text: '邀请码', url: routes.adminInvitations },
          { id: 'admin-nav-card', text: '编辑居委名片', url: routes.adminCard },
          { id: 'admin-nav-audit', text: '操作记录', url: routes.adminAudit },
          ...(admin.isAdmin ? [{ id: 'admin-nav-platform', text: '街镇管理', url: routes.adminPlatform }] : []),
        ].map((n) => (
          <View key={n.id} className="admin-cell">
            <Button id={n.id} className="btn btn--primary btn--block" onClick={() => go(n.url)}>
              {n.text}
            </Button>
          </View>
        ))}
      </View>

      <Button
        id="admin-sign-out"
        className="btn btn--danger btn--block gap-top-lg"
        onClick={() => {
          void signOut().then(() => {
            chooseAdminCommunity(null);
            void Taro.switchTab({ url: routes.mine });
          });
        }}
      >
        退出工作人员登录
      </Button>
    </View>
  );
}

/** A moderator of several committees, or a platform admin, chooses which one to work on. */
function CommunityPicker(props: { onPicked: () => void }) {
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
      <Text className="section-title">选择要管理的社区</Text>
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
