import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { signOut, useSession } from '../api/session';
import { adminPickerStore, chooseAdminCommunity, useAdminCommunity, useAdminCommunityName } from '../hooks/admin';
import { type AdminSectionId, adminHome, sectionById, visibleSections } from '../lib/admin-menu';
import { cx } from '../lib/format';
import { go, routes } from '../lib/routes';
import { AdminGate } from './AdminGate';
import { PageShell } from './PageShell';
import { TitleBar } from './TitleBar';
import './AdminShell.css';

/**
 * The frame of every admin page (login aside): on a desktop the side menu of all sections and
 * a top bar with the committee, the staff member and 退出登录; on a phone a title bar with a
 * back arrow instead of the menu (工作台 shows the sections as tiles). Inside, AdminGate.
 */
export function AdminShell(props: {
  /** The page root's id, which tests and styles use (e.g. admin-households). */
  id: string;
  section: AdminSectionId;
  needsCommunity?: boolean;
  children: (communityId: number) => ReactNode;
}) {
  const admin = useAdminCommunity();
  const section = sectionById(props.section);
  return (
    <PageShell id={props.id} admin className="admin-shell-page">
      <View className="admin-shell">
        {admin.isStaff ? <SideMenu current={props.section} isAdmin={admin.isAdmin} handler={admin.isHandler} /> : null}
        <View className="admin-shell-main">
          <TitleBar
            title={section.title}
            home={adminHome(admin.isHandler)}
            root={props.section === (admin.isHandler ? 'matters' : 'dashboard')}
          />
          {admin.isStaff ? (
            <UserBar communityId={admin.communityId} onDashboard={props.section === 'dashboard'} />
          ) : null}
          {admin.isHandler && !section.forHandlers ? (
            <HandlerOnly />
          ) : (
            <AdminGate needsCommunity={props.needsCommunity}>{props.children}</AdminGate>
          )}
        </View>
      </View>
    </PageShell>
  );
}

/** A property handler opened a committee page (an old link, 工作台 after sign-in): their board is elsewhere. */
function HandlerOnly() {
  return (
    <View className="state" id="admin-handler-only">
      <Text className="state-text t-body">物业处理人只能处理转给物业的小事快办。</Text>
      <Button id="admin-go-matters" className="btn btn--primary" onClick={() => go(routes.adminMatters)}>
        去小事快办
      </Button>
    </View>
  );
}

function SideMenu(props: { current: AdminSectionId; isAdmin: boolean; handler: boolean }) {
  return (
    <View className="admin-shell-side" id="admin-menu">
      <Text className="admin-shell-brand t-title t-block">社区云 · 居委工作台</Text>
      {visibleSections(props.isAdmin, props.handler).map((s) => (
        <View
          key={s.id}
          id={`admin-menu-${s.id}`}
          className={cx('admin-menu-item', s.id === props.current && 'admin-menu-item--on')}
          onClick={() => s.id !== props.current && go(s.route)}
        >
          <Text className="admin-menu-icon">{s.icon}</Text>
          <Text className="admin-menu-title">{s.title}</Text>
        </View>
      ))}
    </View>
  );
}

/** Who is working on which committee; 换社区 for those with a choice; 退出登录. */
function UserBar(props: { communityId: number | null; onDashboard: boolean }) {
  const session = useSession();
  const admin = useAdminCommunity();
  const name = useAdminCommunityName(props.communityId);
  const staffName = session.me?.user.nickname || '工作人员';
  return (
    <View className="admin-shell-user row row--wrap" id="admin-shell-user">
      <View className="grow">
        <Text className="t-small t-block">正在管理</Text>
        <Text className="admin-shell-community t-block" id="admin-community">
          {props.communityId === null ? '还没有选择社区' : (name ?? '…')}
        </Text>
        <Text className="t-small t-block" id="admin-staff-name">
          {staffName}
        </Text>
      </View>
      <View className="admin-shell-actions row">
        {admin.isAdmin || admin.communities.length > 1 ? (
          <Button
            id="admin-switch"
            className="btn btn--plain btn--small"
            onClick={() => {
              adminPickerStore.set(true);
              if (!props.onDashboard) go(routes.adminDashboard);
            }}
          >
            换社区
          </Button>
        ) : null}
        <Button
          id="admin-sign-out"
          className="btn btn--danger btn--small"
          onClick={() => {
            void signOut().then(() => {
              chooseAdminCommunity(null);
              void Taro.switchTab({ url: routes.mine });
            });
          }}
        >
          退出登录
        </Button>
      </View>
    </View>
  );
}
