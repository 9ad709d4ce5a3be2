import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { MyMembership } from '../../../shared/contracts/common';
import { membershipStatusLabels } from '../../../shared/enums';
import { chooseCommunity, ensureSession, signInWithWechat, signOut, useSession } from '../../api/session';
import { MessagesEntry } from '../../components/MessagesEntry';
import { PageShell } from '../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { leave, useMemberships, withdrawApplication } from '../../hooks/memberships';
import { useContactsToAnswer } from '../../hooks/neighbours';
import { cx, householdLabel } from '../../lib/format';
import { go, routes } from '../../lib/routes';
import { setLargeText, useLargeText } from '../../lib/settings';
import { colors } from '../../lib/tokens';
import './index.css';

const statusTag: Record<MyMembership['status'], string> = {
  pending: 'tag--warn',
  approved: 'tag--ok',
  rejected: 'tag--danger',
  revoked: 'tag--off',
  left: 'tag--off',
};

export default function Mine() {
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const memberships = useMemberships(signedIn);
  const large = useLargeText();
  const neighbourCommunity =
    session.me?.memberships.find((m) => m.communityId === session.me?.currentCommunityId && m.status === 'approved')
      ?.communityId ?? null;
  // 邻居来往's badge: one small request (limit 1) for the number of requests to answer.
  const toAnswer = useContactsToAnswer(neighbourCommunity, signedIn);
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);

  // Coming back from a join or an invitation: show the new state (the first show already loads).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn) {
      void memberships.reload();
      if (neighbourCommunity) void toAnswer.reload();
    }
    shown.current = true;
  });

  const items = (memberships.data ?? []).filter((m) => m.status !== 'left');
  const currentId = session.me?.currentCommunityId ?? null;
  const isStaff =
    session.kind === 'password' || (session.me?.user.isStaff ?? false) || (session.me?.user.isAdmin ?? false);

  const makeCurrent = async (m: MyMembership) => {
    setBusy(m.id);
    try {
      await chooseCommunity(m.communityId);
      void Taro.showToast({ title: `已切换到${m.communityName}`, icon: 'none' });
    } catch {
      // the client showed the message
    } finally {
      setBusy(null);
    }
  };

  const quit = async (m: MyMembership) => {
    if (m.status === 'pending') {
      setBusy(m.id);
      const next = await withdrawApplication(m);
      if (next) memberships.setData((prev) => (prev ?? []).map((x) => (x.id === next.id ? next : x)));
      setBusy(null);
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '退出社区',
      content: `确定退出「${m.communityName}」吗？退出后需要重新申请。`,
      confirmText: '退出',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(m.id);
    try {
      const next = await leave(m.id);
      memberships.setData((prev) => (prev ?? []).map((x) => (x.id === next.id ? next : x)));
      void Taro.showToast({ title: '已退出社区', icon: 'none' });
    } catch {
      // toast shown
    } finally {
      setBusy(null);
    }
  };

  const doSignOut = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '确定退出登录吗？',
      confirmText: '退出',
      cancelText: '取消',
    });
    if (!confirm) return;
    await signOut();
    memberships.setData(null);
    void Taro.showToast({ title: '已退出登录', icon: 'none' });
  };

  return (
    <PageShell id="mine" title="我的" root>
      <View className="card" id="mine-user">
        {signedIn ? (
          <View>
            <Text className="t-title t-block">
              {session.kind === 'password' ? '工作人员' : session.me?.user.nickname || '社区居民'}
            </Text>
            <Text className="t-small t-block">已登录</Text>
          </View>
        ) : session.status === 'signed-out' ? (
          <View>
            <Text className="t-title t-block">您已退出登录</Text>
            <Button
              id="sign-in"
              className="btn btn--primary gap-top"
              onClick={() => signInWithWechat().catch(() => undefined)}
            >
              登录
            </Button>
          </View>
        ) : (
          <Text className="t-title t-block">正在登录…</Text>
        )}
      </View>

      <MessagesEntry id="mine-messages" />
      {signedIn ? (
        <View>
          <View id="mine-signups" className="card row row--between messages-entry" onClick={() => go(routes.mySignups)}>
            <Text className="t-body grow">我的报名</Text>
            <Text className="t-muted messages-entry-arrow">〉</Text>
          </View>
          {session.me?.currentCommunityId ? (
            <View
              id="mine-posts"
              className="card row row--between messages-entry"
              onClick={() => go(routes.boardList(session.me?.currentCommunityId as number, { mine: true }))}
            >
              <Text className="t-body grow">我的留言</Text>
              <Text className="t-muted messages-entry-arrow">〉</Text>
            </View>
          ) : null}
          {session.me?.currentCommunityId ? (
            <View
              id="mine-topics"
              className="card row row--between messages-entry"
              onClick={() => go(routes.agora(session.me?.currentCommunityId as number, { mine: true }))}
            >
              <Text className="t-body grow">我的议题</Text>
              <Text className="t-muted messages-entry-arrow">〉</Text>
            </View>
          ) : null}
          {session.me?.currentCommunityId ? (
            <View
              id="mine-rentals"
              className="card row row--between messages-entry"
              onClick={() => go(routes.myRentals(session.me?.currentCommunityId as number))}
            >
              <Text className="t-body grow">我的借用</Text>
              <Text className="t-muted messages-entry-arrow">〉</Text>
            </View>
          ) : null}
          {session.me?.currentCommunityId ? (
            <View
              id="mine-neighbour-card"
              className="card row row--between messages-entry"
              onClick={() => go(routes.myNeighbourCard(session.me?.currentCommunityId as number))}
            >
              <Text className="t-body grow">我的邻居名片</Text>
              <Text className="t-muted messages-entry-arrow">〉</Text>
            </View>
          ) : null}
          {session.me?.currentCommunityId ? (
            <View
              id="mine-neighbour-contacts"
              className="card row row--between messages-entry"
              onClick={() =>
                go(
                  routes.neighbourContacts(
                    session.me?.currentCommunityId as number,
                    toAnswer.data ? { box: 'requests' } : {},
                  ),
                )
              }
            >
              <Text className="t-body grow">邻居来往</Text>
              {toAnswer.data ? (
                <Text className="tag tag--danger" id="mine-neighbour-to-answer">
                  {toAnswer.data > 99 ? '99+' : toAnswer.data} 个请求待回复
                </Text>
              ) : null}
              <Text className="t-muted messages-entry-arrow">〉</Text>
            </View>
          ) : null}
          <View
            id="mine-message-settings"
            className="card row row--between messages-entry"
            onClick={() => go(routes.messageSettings)}
          >
            <Text className="t-body grow">消息设置</Text>
            <Text className="t-muted messages-entry-arrow">〉</Text>
          </View>
        </View>
      ) : null}

      {signedIn ? (
        <View>
          <Text className="section-title">我的社区</Text>
          <View id="membership-list">
            {memberships.loading && !memberships.data ? (
              <Loading id="memberships-loading" />
            ) : memberships.error ? (
              <ErrorState id="memberships-error" error={memberships.error} onRetry={memberships.reload} />
            ) : items.length === 0 ? (
              <Empty id="memberships-empty" text="您还没有加入任何社区">
                <Button id="mine-find" className="btn btn--primary" onClick={() => go(routes.committees)}>
                  找居委，申请加入
                </Button>
              </Empty>
            ) : (
              items.map((m) => (
                <View key={m.id} id={`membership-${m.id}`} className="item membership-item">
                  <View className="row row--between">
                    <Text className="item-title grow" onClick={() => go(routes.committeeCard(m.communityId))}>
                      {m.communityName}
                    </Text>
                    <Text className={cx('tag', statusTag[m.status])}>{membershipStatusLabels[m.status]}</Text>
                  </View>
                  {m.household ? <Text className="item-line t-body">{householdLabel(m.household)}</Text> : null}
                  {m.role === 'moderator' ? <Text className="item-line t-small">居委工作人员</Text> : null}
                  {m.status === 'rejected' || m.status === 'revoked' ? (
                    <Text className="item-line t-body t-danger" id={`membership-reason-${m.id}`}>
                      原因：{m.reason || '居委没有写明原因'}
                    </Text>
                  ) : null}
                  {m.status === 'pending' ? (
                    <Text className="item-line t-small">正在审核中，一般 1–3 个工作日。</Text>
                  ) : null}
                  <View className="btn-row gap-top">
                    {m.status === 'approved' && m.communityId === currentId ? (
                      <Text className="tag tag--info membership-current">当前社区</Text>
                    ) : null}
                    {m.status === 'approved' && m.communityId !== currentId ? (
                      <Button
                        id={`membership-current-${m.id}`}
                        className="btn btn--primary btn--small"
                        disabled={busy === m.id || undefined}
                        onClick={() => void makeCurrent(m)}
                      >
                        设为当前社区
                      </Button>
                    ) : null}
                    {m.status === 'rejected' ? (
                      <Button
                        id={`membership-retry-${m.id}`}
                        className="btn btn--plain btn--small"
                        onClick={() => go(routes.join(m.communityId))}
                      >
                        重新申请
                      </Button>
                    ) : null}
                    {(m.status === 'approved' || m.status === 'pending') && m.role !== 'moderator' ? (
                      <Button
                        id={`membership-leave-${m.id}`}
                        className="btn btn--danger btn--small"
                        disabled={busy === m.id || undefined}
                        onClick={() => void quit(m)}
                      >
                        {m.status === 'pending' ? '撤回申请' : '退出社区'}
                      </Button>
                    ) : null}
                  </View>
                </View>
              ))
            )}
          </View>
          <Button id="mine-invite" className="btn btn--plain btn--block" onClick={() => go(routes.invite)}>
            我有邀请码
          </Button>
        </View>
      ) : null}

      <Text className="section-title">设置</Text>
      <View className="card">
        <View className="switch-row">
          <View className="grow">
            <Text className="t-body t-block">大字模式</Text>
            <Text className="t-small t-block" id="large-text-state">
              {large ? '已开启：字更大，看得更清楚' : '已关闭：打开后字更大'}
            </Text>
          </View>
          <Switch
            id="large-text-switch"
            className="switch-big"
            aria-label="大字模式"
            nativeProps={{ role: 'switch', 'aria-label': '大字模式' }}
            checked={large}
            color={colors.primary}
            onChange={(e) => setLargeText(e.detail.value)}
          />
        </View>
      </View>

      <View className="card">
        <View id="link-agreement" className="row row--between setting-row" onClick={() => go(routes.agreement)}>
          <Text className="t-body">用户协议</Text>
          <Text className="t-muted">〉</Text>
        </View>
        <View id="link-privacy" className="row row--between setting-row" onClick={() => go(routes.privacy)}>
          <Text className="t-body">隐私政策</Text>
          <Text className="t-muted">〉</Text>
        </View>
        {signedIn && !isStaff ? (
          <View id="link-my-data" className="row row--between setting-row" onClick={() => go(routes.myData)}>
            <Text className="t-body">我的资料（查看、删除）</Text>
            <Text className="t-muted">〉</Text>
          </View>
        ) : null}
        <View
          id="link-admin"
          className="row row--between setting-row"
          onClick={() => go(isStaff ? routes.adminDashboard : routes.adminLogin)}
        >
          <Text className="t-body">{isStaff ? '居委工作台' : '工作人员登录'}</Text>
          <Text className="t-muted">〉</Text>
        </View>
      </View>

      {signedIn ? (
        <Button id="sign-out" className="btn btn--danger btn--block gap-top-lg" onClick={() => void doSignOut()}>
          退出登录
        </Button>
      ) : null}
    </PageShell>
  );
}
