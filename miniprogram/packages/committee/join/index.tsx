import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { HouseholdView, MyMembership } from '../../../../shared/contracts/common';
import type { SubscriptionsReply } from '../../../../shared/contracts/subscriptions';
import { ApiError } from '../../../api/client';
import { ensureSession, useSession } from '../../../api/session';
import { Check, Field, FormError } from '../../../components/Form';
import { HouseholdPicker } from '../../../components/HouseholdPicker';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { useBuildings, useCommitteeCard } from '../../../hooks/committees';
import { membershipFor, submitJoin, useMemberships, withdrawApplication } from '../../../hooks/memberships';
import { useSubmit } from '../../../hooks/useSubmit';
import { isWeapp } from '../../../lib/env';
import { householdLabel } from '../../../lib/format';
import { callPhone } from '../../../lib/phone';
import { back, go, intParam, routes } from '../../../lib/routes';
import { loadSubscriptions, offerReminder } from '../../../lib/subscribe';
import { type FieldErrors, type JoinField, validateJoin } from '../../../lib/validation';
import './index.css';

export default function JoinPage() {
  const communityId = intParam(useRouter().params.id);
  const session = useSession();
  const card = useCommitteeCard(communityId);
  // A community whose committee has not registered any building yet cannot take a household request.
  const buildings = useBuildings(communityId);
  const memberships = useMemberships(session.status === 'signed-in');
  const [reapply, setReapply] = useState(false);

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);

  if (communityId === null) {
    return (
      <PageShell id="join" title="申请加入">
        <View className="state" id="state-error">
          <Text className="state-text t-body t-danger">没有找到这个居委，链接可能不完整</Text>
          <Button className="btn btn--primary" onClick={() => go(routes.committees)}>
            去找居委
          </Button>
        </View>
      </PageShell>
    );
  }

  const existing = memberships.data ? membershipFor(memberships.data, communityId) : null;
  const showStatus = existing && !reapply && existing.status !== 'left' && existing.status !== 'revoked';

  return (
    <PageShell id="join" title="申请加入">
      {card.data ? (
        <Text className="t-title t-block join-title" id="join-community">
          申请加入：{card.data.name}
        </Text>
      ) : null}
      {session.status === 'signed-out' ? (
        <ErrorState
          error={new ApiError(401, 'UNAUTHENTICATED', '请先登录')}
          onRetry={() => void memberships.reload()}
        />
      ) : memberships.loading && !memberships.data ? (
        <Loading />
      ) : memberships.error ? (
        <ErrorState error={memberships.error} onRetry={memberships.reload} />
      ) : showStatus && existing ? (
        <JoinStatus
          membership={existing}
          onReapply={() => setReapply(true)}
          onWithdrawn={(m) => memberships.setData((prev) => (prev ?? []).map((x) => (x.id === m.id ? m : x)))}
        />
      ) : buildings.data && buildings.data.length === 0 ? (
        <NoRooms phone={card.data?.phone ?? null} />
      ) : (
        <JoinForm
          communityId={communityId}
          onDone={(m) => {
            setReapply(false);
            memberships.setData((prev) => [m, ...(prev ?? []).filter((x) => x.id !== m.id)]);
          }}
        />
      )}
    </PageShell>
  );
}

function NoRooms(props: { phone: string | null }) {
  return (
    <View className="card" id="join-no-rooms">
      <Text className="t-title t-block">这个社区还不能在网上申请</Text>
      <Text className="t-body t-block gap-top">
        居委还没有把楼号和房号登记到系统里，所以现在没法选择您家的房号。请直接联系居委，工作人员可以给您一个邀请码。
      </Text>
      {props.phone ? (
        <Button
          id="join-call"
          className="btn btn--primary btn--block gap-top"
          onClick={() => callPhone(props.phone as string)}
        >
          打电话给居委：{props.phone}
        </Button>
      ) : null}
      <Button id="join-invite" className="btn btn--plain btn--block" onClick={() => go(routes.invite)}>
        我有邀请码
      </Button>
    </View>
  );
}

function JoinStatus(props: {
  membership: MyMembership;
  onReapply: () => void;
  onWithdrawn: (m: MyMembership) => void;
}) {
  const m = props.membership;
  const [busy, setBusy] = useState(false);
  return (
    <View className="card" id="join-status" data-status={m.status}>
      {m.status === 'pending' ? (
        <View>
          <Text className="t-hero t-block join-status-title" id="join-status-title">
            审核中
          </Text>
          <Text className="t-body t-block gap-top">
            正在审核中，一般 1–3 个工作日。工作人员核对后就会通过，通过后在「我的」里可以看到。
          </Text>
        </View>
      ) : m.status === 'approved' ? (
        <View>
          <Text className="t-hero t-block t-ok" id="join-status-title">
            已加入
          </Text>
          <Text className="t-body t-block gap-top">您已经是这个社区的居民了。</Text>
        </View>
      ) : (
        <View>
          <Text className="t-hero t-block t-danger" id="join-status-title">
            没有通过
          </Text>
          <Text className="t-body t-block gap-top" id="join-reject-reason">
            原因：{m.reason || '居委没有写明原因'}
          </Text>
        </View>
      )}
      {m.household ? <Text className="t-body t-block gap-top">房屋：{householdLabel(m.household)}</Text> : null}

      <View className="gap-top-lg">
        {m.status === 'rejected' ? (
          <Button id="join-reapply" className="btn btn--primary btn--block" onClick={props.onReapply}>
            重新申请
          </Button>
        ) : null}
        {m.status === 'pending' ? (
          <Button
            id="join-withdraw"
            className="btn btn--danger btn--block"
            disabled={busy || undefined}
            onClick={() => {
              setBusy(true);
              withdrawApplication(m)
                .then((next) => next && props.onWithdrawn(next))
                .finally(() => setBusy(false));
            }}
          >
            撤回申请
          </Button>
        ) : null}
        <Button id="join-back" className="btn btn--plain btn--block" onClick={back}>
          返回
        </Button>
      </View>
    </View>
  );
}

function JoinForm(props: { communityId: number; onDone: (m: MyMembership) => void }) {
  const [household, setHousehold] = useState<HouseholdView | null>(null);
  const [realName, setRealName] = useState('');
  const [phone, setPhone] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [tried, setTried] = useState(false);
  // The template ids, read before the tap that will need them (lib/subscribe.ts).
  const [subscriptions, setSubscriptions] = useState<SubscriptionsReply | null>(null);
  useEffect(() => {
    if (isWeapp) void loadSubscriptions().then(setSubscriptions);
  }, []);
  const form = useSubmit<JoinField>({
    // The household was removed since the list was loaded.
    place: (error) =>
      error.code === 'NOT_FOUND' ? { field: 'householdId', message: '这个房号已经不在名单里了，请重新选择' } : null,
  });

  const values = { householdId: household?.id ?? null, realName, phone, agreed };
  // Quiet until the first try; then errors follow the typing and disappear as soon as fixed.
  // The server's refusal for a field shows until the form check has something to say there.
  const errors: FieldErrors<JoinField> = { ...form.fieldErrors, ...(tried ? validateJoin(values).errors : {}) };

  const submit = async () => {
    setTried(true);
    const result = validateJoin(values);
    const body = result.body;
    if (!body) return;
    const membership = await form.submit(() => submitJoin(props.communityId, body));
    if (!membership) return;
    props.onDone(membership);
    // WeChat only, never in the way: offer to be told the result (the dialog's button is the tap WeChat wants).
    void offerReminder(subscriptions, 'review_result', {
      title: '申请已提交',
      content: '居委审核后，要通过微信告诉您结果吗？',
    });
  };

  return (
    <View id="join-form">
      <View className="card">
        <Text className="t-body t-block join-intro">请选择您家的房号，并填写真实姓名。居委工作人员会核对后通过。</Text>
      </View>
      <View className="card">
        <HouseholdPicker
          communityId={props.communityId}
          value={household}
          onChange={(h) => {
            setHousehold(h);
            form.setFieldErrors({});
          }}
          error={errors.householdId}
        />
      </View>
      <View className="card">
        <Field
          id="join-realname"
          label="真实姓名"
          value={realName}
          onChange={setRealName}
          placeholder="例如：张建国"
          maxlength={20}
          error={errors.realName}
          hint="只给居委工作人员看，邻居看不到"
        />
        <Field
          id="join-phone"
          label="手机号（可以不填）"
          value={phone}
          onChange={setPhone}
          type="number"
          maxlength={11}
          placeholder="方便居委联系您"
          error={errors.phone}
        />
        <Check id="join-agree" checked={agreed} onChange={setAgreed}>
          我已阅读并同意用户协议和隐私政策
        </Check>
        <View className="row legal-links">
          <Text className="link t-body" id="join-link-agreement" onClick={() => go(routes.agreement)}>
            《用户协议》
          </Text>
          <Text className="link t-body" id="join-link-privacy" onClick={() => go(routes.privacy)}>
            《隐私政策》
          </Text>
        </View>
        {errors.agreed ? (
          <Text className="field-error" id="join-agree-error">
            {errors.agreed}
          </Text>
        ) : null}
      </View>
      {Object.keys(errors).length > 0 ? (
        <Text className="field-error t-center join-summary" id="join-errors">
          还有内容没填好，请看上面的红字提示
        </Text>
      ) : null}
      {/* No `loading` prop on buttons: in H5 it makes Taro's button re-render its slot and lose the label. */}
      <FormError id="join-form-error" message={form.formError} retry={form.retry} />
      <Button
        id="join-submit"
        className="btn btn--primary btn--block gap-top"
        disabled={form.busy || undefined}
        onClick={() => void submit()}
      >
        {form.busy ? '正在提交…' : '提交申请'}
      </Button>
    </View>
  );
}
