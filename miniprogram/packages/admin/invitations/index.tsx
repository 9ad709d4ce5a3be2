import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { invitationStateWords } from '../../../../shared/audit-fields';
import type { HouseholdView } from '../../../../shared/contracts/common';
import { createInvitation, type InvitationView, revokeInvitation } from '../../../../shared/contracts/invitations';
import { api } from '../../../api/client';
import { AdminShell } from '../../../components/AdminShell';
import { Field } from '../../../components/Form';
import { HouseholdPicker } from '../../../components/HouseholdPicker';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { useInvitations } from '../../../hooks/admin';
import { cx, formatDateTime, householdLabel } from '../../../lib/format';

const stateLabels: Record<InvitationView['state'], { text: string; tag: string }> = {
  active: { text: invitationStateWords.active, tag: 'tag--ok' },
  used_up: { text: invitationStateWords.used_up, tag: 'tag--off' },
  expired: { text: invitationStateWords.expired, tag: 'tag--off' },
  revoked: { text: invitationStateWords.revoked, tag: 'tag--danger' },
};

/** Who joined with the code: nickname, room, when. */
function InvitationUses({ invitation: inv }: { invitation: InvitationView }) {
  if (inv.usedBy.length === 0) return <Text className="item-line t-small t-muted t-block">还没有人用过</Text>;
  return (
    <View className="invitation-uses" id={`invitation-uses-${inv.id}`}>
      <Text className="item-line t-small t-block">用这个码加入的：</Text>
      {inv.usedBy.map((u) => (
        <View key={u.membershipId} className="invitation-use" id={`invitation-use-${u.membershipId}`}>
          <Text className="item-line t-body t-block">
            {u.name}
            {u.room ? `（${u.room}）` : ''}
          </Text>
          {u.usedAt ? <Text className="item-line t-small t-block">{formatDateTime(u.usedAt)} 加入</Text> : null}
        </View>
      ))}
    </View>
  );
}

export default function AdminInvitations() {
  return (
    <AdminShell id="admin-invitations" section="invitations">
      {(communityId) => <Invitations communityId={communityId} />}
    </AdminShell>
  );
}

function Invitations({ communityId }: { communityId: number }) {
  const invitations = useInvitations(communityId);
  const [issued, setIssued] = useState<InvitationView | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const revoke = async (inv: InvitationView) => {
    const { confirm } = await Taro.showModal({
      title: '作废邀请码',
      content: `确定作废 ${inv.code} 吗？作废后不能再用。`,
      confirmText: '作废',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(inv.id);
    try {
      const next = await api(revokeInvitation, { params: { communityId, invitationId: inv.id } });
      invitations.setData((prev) => (prev ?? []).map((x) => (x.id === next.id ? next : x)));
      void Taro.showToast({ title: '已作废', icon: 'none' });
    } catch {
      // toast shown
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="admin-columns">
      <View className="admin-side">
        <IssueForm
          communityId={communityId}
          onIssued={(inv) => {
            setIssued(inv);
            invitations.setData((prev) => [inv, ...(prev ?? [])]);
          }}
        />
        {issued ? (
          <View className="card" id="invite-new">
            <Text className="t-body t-block">新的邀请码（{householdLabel(issued.household)}）</Text>
            <Text className="t-hero t-block invite-code" id="invite-new-code">
              {issued.code}
            </Text>
            <Text className="t-small t-block">
              可以用{issued.maxUses}次，{formatDateTime(issued.expiresAt)}前有效
            </Text>
            <Button
              id="invite-copy"
              className="btn btn--plain gap-top"
              onClick={() => void Taro.setClipboardData({ data: issued.code })}
            >
              复制邀请码
            </Button>
          </View>
        ) : null}
      </View>
      <View className="admin-main">
        <Text className="section-title">已发的邀请码</Text>
        {invitations.loading && !invitations.data ? (
          <Loading id="list-loading" />
        ) : invitations.error ? (
          <ErrorState id="list-error" error={invitations.error} onRetry={invitations.reload} admin />
        ) : !invitations.data?.length ? (
          <Empty id="list-empty" text="还没有发过邀请码" />
        ) : (
          <View className="admin-list" id="invitation-list">
            {invitations.data.map((inv) => (
              <View key={inv.id} className="item invitation-item" id={`invitation-${inv.id}`}>
                <View className="row row--between">
                  <Text className="item-title grow invitation-code">{inv.code}</Text>
                  <Text className={cx('tag', stateLabels[inv.state].tag)}>{stateLabels[inv.state].text}</Text>
                </View>
                <Text className="item-line t-body">{householdLabel(inv.household)}</Text>
                <Text className="item-line t-small">
                  已用 {inv.usedCount}/{inv.maxUses} 次 · {formatDateTime(inv.expiresAt)} 到期
                </Text>
                <InvitationUses invitation={inv} />
                {inv.state === 'active' ? (
                  <Button
                    id={`invitation-revoke-${inv.id}`}
                    className="btn btn--danger btn--small gap-top"
                    disabled={busy === inv.id || undefined}
                    onClick={() => void revoke(inv)}
                  >
                    作废
                  </Button>
                ) : null}
              </View>
            ))}
          </View>
        )}
      </View>
    </View>
  );
}

function IssueForm(props: { communityId: number; onIssued: (inv: InvitationView) => void }) {
  const [household, setHousehold] = useState<HouseholdView | null>(null);
  const [maxUses, setMaxUses] = useState('1');
  const [days, setDays] = useState('7');
  const [errors, setErrors] = useState<{ household?: string; maxUses?: string; days?: string }>({});
  const [busy, setBusy] = useState(false);
  const [pickerKey, setPickerKey] = useState(0);

  const submit = async () => {
    const uses = Number(maxUses);
    const expires = Number(days);
    const next = {
      household: household ? undefined : '请选择房屋',
      maxUses: Number.isInteger(uses) && uses >= 1 && uses <= 20 ? undefined : '次数要在1到20之间',
      days: Number.isInteger(expires) && expires >= 1 && expires <= 90 ? undefined : '天数要在1到90之间',
    };
    setErrors(next);
    if (next.household || next.maxUses || next.days || !household) return;
    setBusy(true);
    try {
      const inv = await api(createInvitation, {
        params: { communityId: props.communityId },
        body: { householdId: household.id, maxUses: uses, expiresInDays: expires },
      });
      props.onIssued(inv);
      setHousehold(null);
      setPickerKey((k) => k + 1);
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="invite-issue">
      <Text className="t-title t-block">发邀请码</Text>
      <Text className="t-small t-block">居民用邀请码可以直接加入，不用再审核。</Text>
      <View className="gap-top">
        <HouseholdPicker
          key={pickerKey}
          communityId={props.communityId}
          value={household}
          onChange={setHousehold}
          error={errors.household}
          admin
        />
      </View>
      <View className="gap-top">
        <Field
          id="invite-max-uses"
          label="可以用几次"
          type="number"
          value={maxUses}
          onChange={setMaxUses}
          maxlength={2}
          error={errors.maxUses}
          hint="一家几口人就填几次"
        />
        <Field
          id="invite-days"
          label="几天内有效"
          type="number"
          value={days}
          onChange={setDays}
          maxlength={2}
          error={errors.days}
        />
      </View>
      <Button
        id="invite-issue-submit"
        className="btn btn--primary btn--block"
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在生成…' : '生成邀请码'}
      </Button>
    </View>
  );
}
