import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { SubscriptionsReply } from '../../../../shared/contracts/subscriptions';
import type { ApiError } from '../../../api/client';
import { ensureSession, signInWithWechat, useSession } from '../../../api/session';
import { NoticeView } from '../../../components/notice/NoticeView';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { useNotice } from '../../../hooks/notices';
import { isH5, isWeapp } from '../../../lib/env';
import { back, go, intParam, routes } from '../../../lib/routes';
import { loadSubscriptions } from '../../../lib/subscribe';
import { SignupBlock } from './Signup';
import '../notices.css';

/** The community named by a 403 NOTICE_MEMBERS_ONLY (its details), if any. */
function membersOnly(error: ApiError | null): { communityId: number; communityName: string } | null {
  if (error?.code !== 'NOTICE_MEMBERS_ONLY') return null;
  const d = error.details as { communityId?: unknown; communityName?: unknown } | undefined;
  return {
    communityId: typeof d?.communityId === 'number' ? d.communityId : 0,
    communityName: typeof d?.communityName === 'string' ? d.communityName : '',
  };
}

/** 复制链接 (H5): the page's own address, hash route and query included. */
function copyLink() {
  void Taro.setClipboardData({ data: window.location.href }).then(
    () => Taro.showToast({ title: '链接已复制，可以发给邻居', icon: 'none' }),
    () => undefined,
  );
}

export default function NoticeDetailPage() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const noticeId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const notice = useNotice(communityId, noticeId, signedIn);
  const [subscriptions, setSubscriptions] = useState<SubscriptionsReply | null>(null);
  const n = notice.data;

  // Opened from a shared link: sign in quietly, so that a resident sees the members-only notices.
  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  // WeChat's consent sheet must follow a tap at once: its template ids are read beforehand.
  useEffect(() => {
    if (signedIn && isWeapp) void loadSubscriptions().then(setSubscriptions);
  }, [signedIn]);

  const title = n?.status === 'published' ? n.title : null;
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title: title.length > 16 ? `${title.slice(0, 15)}…` : title });
  }, [title]);

  // 分享到朋友圈 opens the page for anyone: offered only for public notices.
  const timeline = n?.status === 'published' && n.isPublic;
  useEffect(() => {
    if (!isWeapp || !n) return;
    // Taro's weapp runtime builds WeChat's `menus` from `showShareItems` (a `menus` given here would be overwritten).
    const items = { showShareItems: ['shareAppMessage', 'shareTimeline'] };
    if (timeline) void Taro.showShareMenu(items).catch(() => undefined);
    else void Taro.hideShareMenu({ menus: ['shareTimeline'] }).catch(() => undefined);
  }, [n, timeline]);

  useShareAppMessage(() => ({
    title: title ?? '社区通知',
    path: communityId && noticeId ? routes.notice(communityId, noticeId) : routes.home,
  }));
  useShareTimeline(() => ({
    title: title ?? '社区通知',
    query: timeline && communityId && noticeId ? `communityId=${communityId}&id=${noticeId}` : '',
  }));

  const alone = Taro.getCurrentPages().length <= 1;
  const join = membersOnly(notice.error);
  const missing = communityId === null || noticeId === null || notice.error?.code === 'NOT_FOUND';

  return (
    <PageShell id="notice-detail" title="通知详情">
      {missing ? (
        <View className="state" id="notice-missing">
          <Text className="state-text t-body">没有找到这条通知，可能已被删除</Text>
          <Button id="notice-missing-home" className="btn btn--primary" onClick={() => go(routes.home)}>
            回首页
          </Button>
        </View>
      ) : join ? (
        <View className="card" id="notice-members-only">
          <Text className="t-title t-block">加入本社区后可查看</Text>
          <Text className="t-body t-block gap-top" id="notice-members-only-text">
            这条通知只给{join.communityName ? `「${join.communityName}」的` : '本社区'}
            居民看。住在这里？申请加入后就能看到。
          </Text>
          <Button
            id="notice-join"
            className="btn btn--primary btn--block gap-top"
            onClick={() => go(routes.join(join.communityId || (communityId as number)))}
          >
            申请加入
          </Button>
          {signedIn ? null : (
            <Button
              id="notice-sign-in"
              className="btn btn--plain btn--block"
              onClick={() => signInWithWechat().catch(() => undefined)}
            >
              我已经是居民，登录查看
            </Button>
          )}
        </View>
      ) : notice.loading && !n ? (
        <Loading />
      ) : notice.error ? (
        <ErrorState error={notice.error} onRetry={notice.reload} />
      ) : n && n.status === 'withdrawn' ? (
        <View className="card notice-tombstone" id="notice-withdrawn">
          <Text className="t-title t-block">此通知已撤回</Text>
          <Text className="t-body t-block gap-top">{n.title}</Text>
          <Text className="t-body t-block gap-top" id="notice-withdraw-reason">
            撤回原因：{n.withdrawReason || '居委没有写明原因'}
          </Text>
        </View>
      ) : n ? (
        <View>
          <NoticeView
            title={n.title}
            category={n.category}
            communityName={n.communityName}
            publishedAt={n.publishedAt}
            editedAt={n.editedAt}
            expired={n.expired}
            pinned={n.pinned}
            body={n.body ?? ''}
            attachments={n.attachments}
          />
          {n.signup && communityId && noticeId ? (
            <SignupBlock
              communityId={communityId}
              noticeId={noticeId}
              signup={n.signup}
              subscriptions={subscriptions}
              onChange={(signup) => notice.setData((prev) => (prev ? { ...prev, signup } : prev))}
              onStale={() => void notice.reload()}
            />
          ) : null}
          {isH5 ? (
            <Button id="notice-copy-link" className="btn btn--plain btn--block" onClick={copyLink}>
              复制链接
            </Button>
          ) : null}
        </View>
      ) : null}
      {alone && !missing ? (
        <Button id="notice-back-home" className="btn btn--plain btn--block gap-top" onClick={back}>
          回首页
        </Button>
      ) : null}
    </PageShell>
  );
}
