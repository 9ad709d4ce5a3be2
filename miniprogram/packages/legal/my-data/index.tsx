import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { listSessions, revokeSession } from '../../../../shared/contracts/auth';
import { deleteMyAccount, exportMyData } from '../../../../shared/contracts/privacy';
import {
  type MembershipStatus,
  membershipStatusLabels,
  type SubscribeTemplate,
  signupStatusLabels,
  subscribeTemplateLabels,
} from '../../../../shared/enums';
import { api } from '../../../api/client';
import { forgetSession } from '../../../api/session';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { myDataXlsxRequest } from '../../../hooks/neighbours';
import { useResource } from '../../../hooks/useResource';
import { isWeapp } from '../../../lib/env';
import { formatDateTime } from '../../../lib/format';
import { downloadXlsx } from '../../../lib/notice-files';
import { go, routes } from '../../../lib/routes';
import { colors } from '../../../lib/tokens';
import '../../../components/neighbours/neighbours.css';

/** 我的资料: everything we keep about the resident, and the way to delete it (PIPL arts. 45 and 47). */
export default function MyData() {
  const data = useResource(() => api(exportMyData), []);
  const devices = useResource(() => api(listSessions), []);
  const [busy, setBusy] = useState(false);
  const [ending, setEnding] = useState<number | null>(null);
  const [downloading, setDownloading] = useState(false);

  // The same copy as a readable Excel file: H5 saves it as a download; WeChat opens it, to
  // forward or save from there (a mini-program cannot write into the phone's folders).
  const downloadCopy = async () => {
    setDownloading(true);
    try {
      await downloadXlsx(await myDataXlsxRequest(), '我的资料.xlsx');
    } catch {
      void Taro.showToast({ title: '没有下载成功，请稍后再试', icon: 'none' });
    } finally {
      setDownloading(false);
    }
  };

  const endSession = async (id: number) => {
    setEnding(id);
    try {
      await api(revokeSession, { params: { sessionId: id } });
      devices.setData((prev) => (prev ? { items: prev.items.filter((s) => s.id !== id) } : prev));
      void Taro.showToast({ title: '已让那台设备退出登录', icon: 'none' });
    } catch {
      // The client has shown the server's message.
    } finally {
      setEnding(null);
    }
  };
  const d = data.data;

  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '删除我的资料',
      content: '删除后，您的姓名、手机号、房号、加入的社区和收到的消息都会清除，需要重新申请加入。确定删除吗？',
      confirmText: '删除',
      cancelText: '再想想',
      confirmColor: colors.danger,
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await api(deleteMyAccount, { body: { confirm: '删除' } });
      forgetSession();
      await Taro.showToast({ title: '已删除您的资料', icon: 'none', duration: 2500 });
      go(routes.home);
    } catch {
      // The client has shown the server's message.
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell id="my-data" title="我的资料">
      {data.loading && !d ? (
        <Loading />
      ) : data.error ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : d ? (
        <View>
          <Text className="section-title">我们保存了您的这些资料</Text>
          <View className="card" id="my-data-memberships">
            {d.memberships.length === 0 ? (
              <Text className="t-body t-block">您还没有申请加入社区，我们没有保存您的姓名、手机号和房号。</Text>
            ) : (
              d.memberships.map((m, i) => (
                <View key={`${m.communityName}-${m.createdAt}`} className="gap-bottom" id={`my-data-membership-${i}`}>
                  <Text className="t-title t-block">{m.communityName}</Text>
                  <Text className="t-body t-block">
                    状态：{membershipStatusLabels[m.status as MembershipStatus] ?? m.status}
                  </Text>
                  <Text className="t-body t-block">房号：{m.household ?? '没有'}</Text>
                  <Text className="t-body t-block">真实姓名：{m.realName ?? '已清除'}</Text>
                  <Text className="t-body t-block">手机号：{m.phone ?? '没有填写'}</Text>
                  <Text className="t-small t-block">申请时间：{formatDateTime(m.createdAt)}</Text>
                </View>
              ))
            )}
          </View>
          <Text className="section-title">发给您的消息</Text>
          <View className="card" id="my-data-messages">
            {d.messages.length === 0 ? (
              <Text className="t-body t-block">还没有发给您的消息。</Text>
            ) : (
              d.messages.map((m, i) => (
                <View key={`${m.createdAt}-${m.title}`} className="gap-bottom" id={`my-data-message-${i}`}>
                  <Text className="t-body t-block">{m.title}</Text>
                  <Text className="t-small t-block">{m.body}</Text>
                  <Text className="t-small t-block">
                    {formatDateTime(m.createdAt)} · {m.readAt ? '已读' : '未读'}
                  </Text>
                </View>
              ))
            )}
          </View>
          <Text className="section-title">活动报名和通知</Text>
          <View className="card" id="my-data-notices">
            {d.signups.map((s, i) => (
              <View key={`${s.createdAt}-${s.title}`} className="gap-bottom" id={`my-data-signup-${i}`}>
                <Text className="t-body t-block">{s.title}</Text>
                <Text className="t-small t-block">
                  {signupStatusLabels[s.status]} · {s.people}人 · {formatDateTime(s.createdAt)}
                </Text>
              </View>
            ))}
            <Text className="t-body t-block" id="my-data-notice-reads">
              {d.signups.length === 0 ? '没有报名过活动。' : ''}看过的通知：{d.noticeReads.length}条
            </Text>
          </View>
          <Text className="section-title">微信提醒</Text>
          <View className="card" id="my-data-subscriptions">
            {d.subscriptions.length === 0 ? (
              <Text className="t-body t-block">您没有同意接收微信提醒。</Text>
            ) : (
              d.subscriptions.map((s) => (
                <Text key={s.kind} className="t-body t-block" id={`my-data-subscription-${s.kind}`}>
                  {subscribeTemplateLabels[s.kind as SubscribeTemplate] ?? s.kind}：同意过{s.acceptedTotal}
                  次，还可以收到
                  {s.remaining}条
                </Text>
              ))
            )}
          </View>
          <Text className="section-title">举报和禁言</Text>
          <View className="card" id="my-data-moderation">
            <Text className="t-body t-block">举报过的内容：{d.reports.length}条</Text>
            {d.boardMutes.map((m) => (
              <Text key={m.until} className="t-small t-block">
                {m.communityName} 禁言到 {formatDateTime(m.until)}：{m.reason}
                {m.liftedAt ? '（已解除）' : ''}
              </Text>
            ))}
          </View>
          <Text className="section-title">议事厅</Text>
          <View className="card" id="my-data-agora">
            <Text className="t-body t-block">
              提出的议题：{d.topics.length}条；附议：{d.topicCosigns.length}次
            </Text>
            <Text className="t-body t-block">
              议事发言：{d.topicComments.length}条；成效评价：{d.topicRatings.length}条
            </Text>
            <Text className="t-body t-block">
              投过票的表决：{d.voteCurrentBallots.length}个（每次投票和改票都有记录，共{d.voteBallots.length}条）
            </Text>
            <Text className="t-body t-block">委托投票：{d.voteProxies.length}次</Text>
          </View>
          <Text className="section-title">社区租赁</Text>
          <View className="card" id="my-data-rentals">
            <Text className="t-body t-block">借用器具的预约：{d.rentals.length}次</Text>
          </View>
          <Text className="section-title">找邻居</Text>
          <View className="card" id="my-data-neighbours">
            <Text className="t-body t-block">
              邻居名片：{d.neighbourCards.length}张；和邻居的来往：{d.neighbourContacts.length}个；发过的消息：
              {d.neighbourMessages.length}条；屏蔽的邻居：{d.neighbourBlocks.length}位
            </Text>
            <Text className="t-body t-block">授权记录：{d.neighbourConsents.length}条</Text>
            <View
              id="my-data-consents"
              className="row row--between neighbour-link"
              onClick={() => go(routes.neighbourConsents)}
            >
              <Text className="t-body grow link">查看我的授权记录</Text>
              <Text className="t-muted">〉</Text>
            </View>
          </View>
          <Button
            id="my-data-xlsx"
            className="btn btn--plain btn--block"
            disabled={downloading || undefined}
            onClick={() => void downloadCopy()}
          >
            {downloading ? '正在下载…' : isWeapp ? '打开我的资料（Excel 表格）' : '下载我的资料（Excel 表格）'}
          </Button>
          <Text className="section-title">正在登录的设备</Text>
          <View className="card" id="my-devices">
            {(devices.data?.items ?? []).map((session) => (
              <View key={session.id} className="row row--between gap-bottom" id={`device-${session.id}`}>
                <View className="grow">
                  <Text className="t-body t-block">
                    {session.current ? '这台设备' : session.kind === 'password' ? '工作人员登录' : '其他设备'}
                  </Text>
                  <Text className="t-small t-block">最近使用：{formatDateTime(session.lastSeenAt)}</Text>
                </View>
                {session.current ? null : (
                  <Button
                    id={`device-end-${session.id}`}
                    className="btn btn--small"
                    disabled={ending === session.id || undefined}
                    onClick={() => void endSession(session.id)}
                  >
                    让它退出
                  </Button>
                )}
              </View>
            ))}
          </View>
          <View className="card">
            <Text className="t-small t-block">注册时间：{formatDateTime(d.user.createdAt)}</Text>
            <Text className="t-small t-block">真实姓名和手机号只有您所在社区的居委工作人员能看到，并且加密保存。</Text>
          </View>
          <Button
            id="delete-account"
            className="btn btn--danger btn--block gap-top-lg"
            disabled={busy || undefined}
            onClick={() => void remove()}
          >
            {busy ? '正在删除…' : '删除我的资料'}
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
