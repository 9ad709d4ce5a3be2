import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import {
  approveMembership,
  type MembershipAdmin,
  rejectMembership,
  revokeMembership,
} from '../../../../shared/contracts/memberships';
import { type MembershipStatus, membershipStatusLabels } from '../../../../shared/enums';
import { api } from '../../../api/client';
import { AdminShell } from '../../../components/AdminShell';
import { ListState } from '../../../components/ListState';
import { useAdminMemberships } from '../../../hooks/admin';
import { cx, formatDateTime, householdLabel } from '../../../lib/format';
import { checkWith } from '../../../lib/validation';
import './index.css';

const tabs: { status: MembershipStatus; label: string }[] = [
  { status: 'pending', label: '待审核' },
  { status: 'approved', label: '已通过' },
  { status: 'rejected', label: '未通过' },
  { status: 'revoked', label: '已取消' },
];

export default function AdminMemberships() {
  return (
    <AdminShell id="admin-memberships" section="memberships">
      {(communityId) => <Queue communityId={communityId} />}
    </AdminShell>
  );
}

function Queue({ communityId }: { communityId: number }) {
  const [status, setStatus] = useState<MembershipStatus>('pending');
  const list = useAdminMemberships(communityId, status);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  // A decided request leaves the current tab.
  const decided = (next: MembershipAdmin) =>
    list.update((items) =>
      next.status === status ? items.map((x) => (x.id === next.id ? next : x)) : items.filter((x) => x.id !== next.id),
    );

  return (
    <View>
      <View className="chips tabs" id="membership-tabs">
        {tabs.map((t) => (
          <View
            key={t.status}
            id={`status-${t.status}`}
            className={cx('chip', t.status === status && 'chip--on')}
            onClick={() => setStatus(t.status)}
          >
            {t.label}
          </View>
        ))}
      </View>
      <ListState
        list={list}
        admin
        itemsClassName="admin-list"
        emptyText={status === 'pending' ? '没有待审核的申请' : `没有${membershipStatusLabels[status]}的记录`}
      >
        {(items) =>
          items.map((m) => <MembershipCard key={m.id} communityId={communityId} membership={m} onDecided={decided} />)
        }
      </ListState>
    </View>
  );
}

function MembershipCard(props: {
  communityId: number;
  membership: MembershipAdmin;
  onDecided: (m: MembershipAdmin) => void;
}) {
  const m = props.membership;
  const [mode, setMode] = useState<'idle' | 'reject' | 'revoke'>('idle');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const params = { communityId: props.communityId, membershipId: m.id };

  const approve = async () => {
    setBusy(true);
    try {
      const next = await api(approveMembership, { params });
      void Taro.showToast({ title: `已通过：${next.realName ?? ''}`, icon: 'none' });
      props.onDecided(next);
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  const confirmReason = async () => {
    const route = mode === 'revoke' ? revokeMembership : rejectMembership;
    // The contract's own rule: at least 2 visible characters, at most 200, no hidden characters.
    const checked = checkWith<{ reason: string }, 'reason'>(route.body, { reason });
    if (!checked.body) {
      setReasonError(checked.errors.reason ?? '请写明原因，申请人会看到');
      return;
    }
    setReasonError(null);
    setBusy(true);
    try {
      const next = await api(route, { params, body: checked.body });
      void Taro.showToast({ title: mode === 'revoke' ? '已取消资格' : '已拒绝', icon: 'none' });
      props.onDecided(next);
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="item membership-admin-item" id={`membership-admin-${m.id}`}>
      <View className="row row--between">
        <Text className="item-title grow" id={`membership-admin-name-${m.id}`}>
          {m.realName ?? '（未填姓名）'}
        </Text>
        <Text className="tag tag--info">{m.viaInvitation ? '邀请码' : '自己申请'}</Text>
      </View>
      <Text className="item-line t-body" id={`membership-admin-household-${m.id}`}>
        {m.household ? householdLabel(m.household) : '没有房屋信息'}
      </Text>
      <Text className="item-line t-small">手机：{m.phone ?? '没有填写'}</Text>
      {m.nickname ? <Text className="item-line t-small">微信昵称：{m.nickname}</Text> : null}
      <Text className="item-line t-small">申请时间：{formatDateTime(m.createdAt)}</Text>
      {m.decidedAt ? (
        <Text className="item-line t-small" id={`membership-admin-decided-${m.id}`}>
          {m.decidedBy
            ? `${m.decidedBy} 于 ${formatDateTime(m.decidedAt)} 处理`
            : m.viaInvitation
              ? `邀请码加入（${formatDateTime(m.decidedAt)}）`
              : `于 ${formatDateTime(m.decidedAt)} 处理`}
        </Text>
      ) : null}
      {m.reason ? <Text className="item-line t-body t-danger">原因：{m.reason}</Text> : null}

      {mode === 'idle' ? (
        <View className="btn-row gap-top">
          {m.status === 'pending' ? (
            <Button
              id={`approve-${m.id}`}
              className="btn btn--primary btn--small"
              disabled={busy || undefined}
              onClick={() => void approve()}
            >
              通过
            </Button>
          ) : null}
          {m.status === 'pending' ? (
            <Button
              id={`reject-${m.id}`}
              className="btn btn--danger btn--small"
              disabled={busy || undefined}
              onClick={() => setMode('reject')}
            >
              不通过
            </Button>
          ) : null}
          {m.status === 'approved' && m.role !== 'moderator' ? (
            <Button
              id={`revoke-${m.id}`}
              className="btn btn--danger btn--small"
              disabled={busy || undefined}
              onClick={() => setMode('revoke')}
            >
              取消资格
            </Button>
          ) : null}
        </View>
      ) : (
        <View className="gap-top reason-box">
          <Text className="field-label">{mode === 'revoke' ? '取消资格的原因' : '不通过的原因'}（申请人会看到）</Text>
          <Textarea
            id={`reason-${m.id}`}
            className={cx('input textarea', reasonError && 'input--error')}
            value={reason}
            maxlength={200}
            placeholder="例如：房号和登记的不一致，请到居委核对"
            onInput={(e) => setReason(e.detail.value)}
          />
          {reasonError ? (
            <Text className="field-error" id={`reason-error-${m.id}`}>
              {reasonError}
            </Text>
          ) : null}
          <View className="btn-row gap-top">
            <Button
              id={`reject-confirm-${m.id}`}
              className="btn btn--danger btn--small"
              disabled={busy || undefined}
              onClick={() => void confirmReason()}
            >
              确定
            </Button>
            <Button id={`reject-cancel-${m.id}`} className="btn btn--plain btn--small" onClick={() => setMode('idle')}>
              取消
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
