import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { listMySubscriptions, type SubscriptionsReply } from '../../../../shared/contracts/subscriptions';
import { type SubscribeTemplate, subscribeTemplateLabels } from '../../../../shared/enums';
import { api } from '../../../api/client';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { useResource } from '../../../hooks/useResource';
import { isWeapp } from '../../../lib/env';
import { askConsent } from '../../../lib/subscribe';
import '../index.css';

/** What each kind of WeChat message is for, in a line. */
const templateHints: Record<SubscribeTemplate, string> = {
  review_result: '申请加入社区后，审核通过或没通过时告诉您',
  event_reminder: '报名的活动快开始时、排队补上名额时告诉您',
  urgent_notice: '居委发布紧急通知（停水、停电等）时告诉您',
  post_reply: '您的留言有了居委回复时告诉您',
  matter_progress: '您报的小事快办有了进展时告诉您',
  vote_reminder: '您家还没投的投票快截止时提醒您',
  topic_progress: '您提出或参与的议题有了进展时告诉您',
  rental_reminder: '借用的器具确认、可以取、快到期时告诉您',
};

/**
 * 消息设置: WeChat delivers one message per consent the user gave (订阅消息), so each kind shows how
 * many may still come and, in WeChat, a button to allow one more. 消息 in the app always has everything.
 */
export default function MessageSettings() {
  const subs = useResource(() => api(listMySubscriptions, undefined, { silent: true }), []);
  const [busy, setBusy] = useState<SubscribeTemplate | null>(null);

  const subscribe = async (template: SubscribeTemplate, current: SubscriptionsReply) => {
    setBusy(template);
    // Straight from the tap: WeChat shows its sheet only then.
    const next = await askConsent(current, [template]);
    setBusy(null);
    if (next) {
      subs.setData(next);
      void Taro.showToast({ title: '已订阅，可以多收到 1 条', icon: 'none' });
    }
  };

  return (
    <PageShell id="message-settings" title="消息设置">
      <View className="card">
        <Text className="t-body t-block">
          微信每次只允许发 1 条提醒：您每点一次「订阅」并在微信里同意，就能多收到 1 条。
        </Text>
        <Text className="t-body t-block gap-top">不管有没有订阅，所有消息在本应用的「消息」里都能看到。</Text>
      </View>
      {isWeapp ? null : (
        <View className="card" id="message-settings-h5">
          <Text className="t-body t-block">
            微信提醒只能在微信小程序里订阅。在这里（网页）不能订阅，但「消息」里始终会显示全部消息。
          </Text>
        </View>
      )}
      {subs.loading && !subs.data ? (
        <Loading />
      ) : subs.error ? (
        <ErrorState error={subs.error} onRetry={subs.reload} />
      ) : subs.data ? (
        subs.data.items.map((s) => (
          <View key={s.template} className="card" id={`subscription-${s.template}`}>
            <Text className="t-title t-block">{subscribeTemplateLabels[s.template]}</Text>
            <Text className="t-small t-block">{templateHints[s.template]}</Text>
            <Text className="t-body t-block gap-top" id={`subscription-remaining-${s.template}`}>
              还可以收到 {s.remaining} 条
            </Text>
            {isWeapp ? (
              s.templateId ? (
                <Button
                  id={`subscribe-${s.template}`}
                  className="btn btn--primary btn--block gap-top"
                  disabled={busy !== null || undefined}
                  onClick={() => void subscribe(s.template, subs.data as SubscriptionsReply)}
                >
                  {busy === s.template ? '正在订阅…' : '订阅 1 条'}
                </Button>
              ) : (
                <Text className="t-small t-block gap-top" id={`subscribe-off-${s.template}`}>
                  暂未开通
                </Text>
              )
            ) : null}
          </View>
        ))
      ) : null}
    </PageShell>
  );
}
