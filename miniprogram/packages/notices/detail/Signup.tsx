import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { MySignup, SignupSummary } from '../../../../shared/contracts/notices';
import type { SubscriptionsReply } from '../../../../shared/contracts/subscriptions';
import { signInWithWechat, useSession } from '../../../api/session';
import { cancelSignup, signUpFor } from '../../../hooks/notices';
import { asApiError } from '../../../hooks/useResource';
import { formatDateTime } from '../../../lib/format';
import { offerReminder } from '../../../lib/subscribe';

/** A refusal in the words a resident reads. */
function refusal(code: string, message: string, maxPeople: number): string {
  if (code === 'SIGNUP_CLOSED') return '报名已经截止了，不能再报名或取消';
  if (code === 'SIGNUP_EXISTS') return '您家已经报过名了，不用再报';
  if (code === 'SIGNUP_TOO_MANY_PEOPLE') return `每户最多报 ${maxPeople} 人，请减少人数`;
  return message;
}

/** The counts after the household's own sign-up came or went (the server's truth comes on the next open). */
function withMine(s: SignupSummary, mine: MySignup | null): SignupSummary {
  const before = s.mine;
  let { taken, waiting } = s;
  if (before?.status === 'confirmed') taken -= before.people;
  if (before?.status === 'waitlisted') waiting -= 1;
  if (mine?.status === 'confirmed') taken += mine.people;
  if (mine?.status === 'waitlisted') waiting += 1;
  return { ...s, taken, waiting: Math.max(0, waiting), mine };
}

/** 活动报名 on a notice: places, the household's sign-up, 报名 with a people count, 取消报名. */
export function SignupBlock(props: {
  communityId: number;
  noticeId: number;
  signup: SignupSummary;
  /** Consents to ask for after signing up (WeChat only; null: none to ask). */
  subscriptions: SubscriptionsReply | null;
  onChange: (next: SignupSummary) => void;
  /** The notice changed under us (already signed up elsewhere): read it again. */
  onStale: () => void;
}) {
  const s = props.signup;
  const session = useSession();
  const [people, setPeople] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = s.mine;
  const full = s.taken >= s.capacity;

  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      const created = await signUpFor(props.communityId, props.noticeId, people);
      props.onChange(withMine(s, created));
      const title = created.status === 'confirmed' ? '报名成功' : `已排队，第 ${created.position ?? ''} 位`;
      void Taro.showToast({ title, icon: 'none', duration: 2500 });
      // Never in the way of the sign-up: offered after it, and only in WeChat.
      void offerReminder(props.subscriptions, 'event_reminder', {
        title,
        content: '要在活动开始前收到微信提醒吗？',
      });
    } catch (e) {
      const err = asApiError(e);
      setError(refusal(err.code, err.message, s.maxPeople));
      if (err.code === 'SIGNUP_CLOSED') props.onChange({ ...s, open: false });
      if (err.code === 'SIGNUP_EXISTS') props.onStale();
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消报名',
      content: '确定取消报名吗？取消后名额会让给排队的邻居。',
      confirmText: '取消报名',
      cancelText: '不取消',
    });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      await cancelSignup(props.communityId, props.noticeId);
      props.onChange(withMine(s, null));
      void Taro.showToast({ title: '已取消报名', icon: 'none' });
    } catch (e) {
      const err = asApiError(e);
      setError(refusal(err.code, err.message, s.maxPeople));
      if (err.code === 'SIGNUP_CLOSED') props.onChange({ ...s, open: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card notice-signup" id="notice-signup">
      <Text className="t-title t-block">活动报名</Text>
      <Text className="t-body t-block gap-top" id="signup-counts">
        已报 {s.taken} / 名额 {s.capacity} 人
      </Text>
      {s.waiting > 0 ? (
        <Text className="t-body t-block" id="signup-waiting">
          排队 {s.waiting} 户
        </Text>
      ) : null}
      <Text className="t-body t-block" id="signup-deadline">
        报名截止：{formatDateTime(s.deadline)}
      </Text>
      <Text className="t-small t-block">每户最多 {s.maxPeople} 人</Text>

      {mine ? (
        <View className="gap-top" id="signup-mine">
          <Text className="tag tag--ok notice-signup-status" id="signup-status">
            {mine.status === 'waitlisted' ? `排队第 ${mine.position ?? ''} 位` : '已报名'}
          </Text>
          <Text className="t-body t-block gap-top">您家报了 {mine.people} 人</Text>
          {mine.status === 'waitlisted' ? (
            <Text className="t-small t-block">有人取消时会按顺序补上，补上了会通知您。</Text>
          ) : null}
          {!mine.byMe ? <Text className="t-small t-block">是家里其他人报的名，需要由报名的人取消。</Text> : null}
        </View>
      ) : null}

      {!s.open ? (
        <Text className="t-body t-block t-danger gap-top" id="signup-closed">
          报名已截止
        </Text>
      ) : mine ? (
        mine.byMe ? (
          <Button
            id="signup-cancel"
            className="btn btn--danger btn--block gap-top"
            disabled={busy || undefined}
            onClick={() => void cancel()}
          >
            取消报名
          </Button>
        ) : null
      ) : session.status !== 'signed-in' ? (
        <Button
          id="signup-sign-in"
          className="btn btn--primary btn--block gap-top"
          onClick={() => signInWithWechat().catch(() => undefined)}
        >
          登录后报名
        </Button>
      ) : (
        <View id="signup-form">
          <View className="row notice-stepper">
            <Text className="t-body grow">参加人数</Text>
            <Button
              id="signup-less"
              className="btn btn--plain"
              disabled={people <= 1 || undefined}
              onClick={() => setPeople((n) => Math.max(1, n - 1))}
            >
              －
            </Button>
            <Text className="notice-stepper-value" id="signup-people">
              {people}
            </Text>
            <Button
              id="signup-more"
              className="btn btn--plain"
              disabled={people >= s.maxPeople || undefined}
              onClick={() => setPeople((n) => Math.min(s.maxPeople, n + 1))}
            >
              ＋
            </Button>
          </View>
          {full ? <Text className="t-small t-block gap-top">名额已满，现在报名会排队等候。</Text> : null}
          <Button
            id="signup-submit"
            className="btn btn--primary btn--block gap-top"
            disabled={busy || undefined}
            onClick={() => void join()}
          >
            {busy ? '正在报名…' : full ? '排队报名' : '报名'}
          </Button>
        </View>
      )}
      {error ? (
        <Text className="field-error t-block" id="signup-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
