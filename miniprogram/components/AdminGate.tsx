import { Button, Text, View } from '@tarojs/components';
import { type ReactNode, useEffect } from 'react';
import { ensureSession, useSession } from '../api/session';
import { useAdminCommunity } from '../hooks/admin';
import { go, routes } from '../lib/routes';
import { Loading } from './StateView';

/**
 * Admin pages open only for staff with a community to work on; otherwise they say why and offer
 * the way forward (sign in, or pick a community on the dashboard).
 */
export function AdminGate(props: { children: (communityId: number) => ReactNode; needsCommunity?: boolean }) {
  const session = useSession();
  const admin = useAdminCommunity();

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);

  if (session.status === 'unknown' || session.status === 'signing-in') return <Loading />;
  if (!admin.isStaff) {
    return (
      <View className="state" id="admin-denied">
        <Text className="state-text t-body">这里是居委工作人员用的页面，请先用工作人员账号登录。</Text>
        <Button id="admin-go-login" className="btn btn--primary" onClick={() => go(routes.adminLogin)}>
          工作人员登录
        </Button>
      </View>
    );
  }
  if (admin.communityId === null) {
    if (props.needsCommunity === false) return <>{props.children(0)}</>;
    return (
      <View className="state" id="admin-no-community">
        <Text className="state-text t-body">请先在工作台选择要管理的社区。</Text>
        <Button id="admin-go-dashboard" className="btn btn--primary" onClick={() => go(routes.adminDashboard)}>
          去工作台
        </Button>
      </View>
    );
  }
  return <>{props.children(admin.communityId)}</>;
}
