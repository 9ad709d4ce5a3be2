import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import {
  currentMembership,
  ensureSession,
  signInAsDemoResident,
  signInWithWechat,
  useSession,
} from '../../api/session';
import { MessagesEntry } from '../../components/MessagesEntry';
import { PageShell } from '../../components/PageShell';
import { useDemoMode } from '../../hooks/demo';
import { standing } from '../../hooks/memberships';
import { useUnreadNotices } from '../../hooks/notices';
import { cx } from '../../lib/format';
import { useOnline } from '../../lib/network';
import { go, routes } from '../../lib/routes';
import { Standing } from './Standing';
import './index.css';

interface Feature {
  id: string;
  name: string;
  desc: string;
  /** Where it goes; features not built yet have none and say 即将上线. */
  url?: string;
  /** 通知公告: goes to the current community's notices, with its unread count. */
  notices?: true;
  /** 留言板: goes to the current community's board. */
  board?: true;
  /** 议事厅: goes to the current community's topics and votes. */
  agora?: true;
  /** 社区租赁: goes to the current community's catalogue of assistive devices. */
  rentals?: true;
  /** 找邻居: goes to the current community's neighbour directory. */
  neighbours?: true;
}

const allFeatures: Feature[] = [
  { id: 'feature-neighbours', name: '找邻居', desc: '认识楼里的热心邻居', neighbours: true },
  { id: 'feature-committees', name: '找居委', desc: '电话、地址、办公时间', url: routes.committees },
  { id: 'feature-announcements', name: '通知公告', desc: '居委发布的通知', notices: true },
  { id: 'feature-board', name: '留言板', desc: '求助、建议、小事快办', board: true },
  { id: 'feature-proposals', name: '议事厅', desc: '小区的事大家商量', agora: true },
  { id: 'feature-rentals', name: '社区租赁', desc: '借用轮椅等辅助器具', rentals: true },
];

/** A production build (the one WeChat reviews) shows only what exists; development shows what is coming. */
const features: Feature[] =
  process.env.NODE_ENV === 'production'
    ? allFeatures.filter((f) => f.url || f.notices || f.board || f.agora || f.rentals || f.neighbours)
    : allFeatures;

export default function Home() {
  const session = useSession();
  const me = session.me;
  const current = currentMembership(me);
  const where = me ? standing(me.memberships) : null;
  const online = useOnline();
  // Offered only by a demo server, and only to someone who has not applied anywhere.
  const demo = useDemoMode();
  const unreadNotices = useUnreadNotices(current?.communityId ?? null);
  // Back from the notices (or anywhere): the count may have changed. The first show already loads.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && current) void unreadNotices.reload();
    shown.current = true;
  });

  const tryDemo = async () => {
    const { confirm } = await Taro.showModal({
      title: '切换到示范账号',
      content:
        '将切换到公共的示范居民账号「王秀英（梧桐里）」，看看加入社区后的样子。这不是您自己的账号，请不要填写真实信息。',
      confirmText: '切换',
      cancelText: '不用了',
    });
    if (!confirm) return;
    try {
      await signInAsDemoResident();
      void Taro.showToast({ title: '已切换到示范账号', icon: 'none' });
    } catch {
      // the api client showed the message
    }
  };

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  useDidShow(() => {
    if (session.status === 'unknown') ensureSession().catch(() => undefined);
  });
  useShareAppMessage(() => ({ title: '社区云：找居委、看通知、邻里互助', path: routes.home }));

  const open = (f: Feature) => {
    if (f.notices) {
      if (current) go(routes.notices(current.communityId));
      else {
        void Taro.showToast({ title: '加入社区后就能看到居委的通知', icon: 'none', duration: 2500 });
        go(routes.committees);
      }
    } else if (f.board) {
      if (current) go(routes.boardList(current.communityId));
      else {
        void Taro.showToast({ title: '加入社区后就能用留言板', icon: 'none', duration: 2500 });
        go(routes.committees);
      }
    } else if (f.agora) {
      if (current) go(routes.agora(current.communityId));
      else {
        void Taro.showToast({ title: '加入社区后就能参加议事厅', icon: 'none', duration: 2500 });
        go(routes.committees);
      }
    } else if (f.rentals) {
      if (current) go(routes.rentals(current.communityId));
      else {
        void Taro.showToast({ title: '加入社区后就能借用辅助器具', icon: 'none', duration: 2500 });
        go(routes.committees);
      }
    } else if (f.neighbours) {
      if (current) go(routes.neighbours(current.communityId));
      else {
        void Taro.showToast({ title: '加入社区后就能找邻居', icon: 'none', duration: 2500 });
        go(routes.committees);
      }
    } else if (f.url) go(f.url);
    else void Taro.showToast({ title: `「${f.name}」即将上线，敬请期待`, icon: 'none', duration: 2500 });
  };

  return (
    <PageShell id="home" title="社区云" root>
      <View className="card home-community" id="home-community">
        {/* Keys: each state is its own subtree. Reused in place, WeChat's renderer kept the id of
            the element a text replaced (#home-community-name stayed on 我的社区). */}
        {current ? (
          <View key="member">
            <Text className="t-small t-block">我的社区</Text>
            <Text className="t-hero t-block" id="home-community-name">
              {current.communityName}
            </Text>
            <Button
              id="home-my-committee"
              className="btn btn--primary gap-top"
              onClick={() => go(routes.committeeCard(current.communityId))}
            >
              联系我的居委
            </Button>
          </View>
        ) : session.status === 'signed-out' ? (
          <View key="signed-out">
            <Text className="t-title t-block">您还没有登录</Text>
            <Button
              id="home-sign-in"
              className="btn btn--primary gap-top"
              onClick={() => signInWithWechat().catch(() => undefined)}
            >
              登录
            </Button>
          </View>
        ) : (
          <View key="not-member">
            <Text className="t-title t-block" id="home-community-name">
              {session.status === 'signed-in'
                ? '您还没有加入社区'
                : online
                  ? '正在登录…'
                  : '没有网络，连上网后会自动登录'}
            </Text>
            <Text className="t-body t-block t-muted gap-top">
              找到您所在的居委会，申请加入后就能看到社区的通知和服务。
            </Text>
            <Button id="home-find" className="btn btn--primary gap-top" onClick={() => go(routes.committees)}>
              找居委，申请加入
            </Button>
            {demo && session.status === 'signed-in' && me?.memberships.length === 0 ? (
              <Button id="home-demo-resident" className="btn gap-top" onClick={() => void tryDemo()}>
                切换到示范账号体验（梧桐里）
              </Button>
            ) : null}
          </View>
        )}
      </View>
      {where ? <Standing membership={where} /> : null}
      <MessagesEntry id="home-messages" />

      <Text className="section-title">社区服务</Text>
      <View className="features" id="home-features">
        {features.map((f) => (
          <View
            key={f.id}
            id={f.id}
            className={cx(
              'feature-item',
              !f.url && !f.notices && !f.board && !f.agora && !f.rentals && !f.neighbours && 'feature-item--soon',
            )}
            onClick={() => open(f)}
          >
            <Text className="feature-name">{f.name}</Text>
            <Text className="feature-desc">{f.desc}</Text>
            {f.notices ? (
              current && unreadNotices.data ? (
                <Text className="tag tag--danger feature-soon" id="home-notices-unread">
                  {unreadNotices.data > 99 ? '99+' : unreadNotices.data} 条未读
                </Text>
              ) : null
            ) : f.url || f.board || f.agora || f.rentals || f.neighbours ? null : (
              <Text className="tag tag--off feature-soon">即将上线</Text>
            )}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
