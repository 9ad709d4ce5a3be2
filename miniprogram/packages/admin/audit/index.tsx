import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { auditLabel } from '../../../../shared/audit-actions';
import { type AuditEntry, listCommunityAudit } from '../../../../shared/contracts/audit';
import { AdminGate } from '../../../components/AdminGate';
import { ListState } from '../../../components/ListState';
import { PageShell } from '../../../components/PageShell';
import { type AuditFilter, useAuditLog } from '../../../hooks/admin';
import { formatDateTime } from '../../../lib/format';
import { checkWith, type FieldErrors } from '../../../lib/validation';

function summary(value: Record<string, unknown> | null): string {
  if (!value) return '';
  const text = Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('，');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export default function AdminAudit() {
  return (
    <PageShell id="admin-audit" admin>
      <AdminGate>{(communityId) => <AuditLog communityId={communityId} />}</AdminGate>
    </PageShell>
  );
}

function AuditLog({ communityId }: { communityId: number }) {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [filter, setFilter] = useState<AuditFilter>({ action: '', actorId: null });
  const [errors, setErrors] = useState<FieldErrors<'action' | 'actorId'>>({});
  const list = useAuditLog(communityId, filter);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const apply = () => {
    // The filter the server takes: an action of at most 64 characters, an actor id that is a positive integer.
    const checked = checkWith<{ action?: string; actorId?: number }, 'action' | 'actorId'>(listCommunityAudit.query, {
      action: action.trim() || undefined,
      actorId: actor.trim() || undefined,
    });
    if (!checked.body) {
      setErrors({
        action: checked.errors.action,
        actorId: checked.errors.actorId ? '操作人编号要填数字' : undefined,
      });
      return;
    }
    setErrors({});
    setFilter({ action: checked.body.action ?? '', actorId: checked.body.actorId ?? null });
  };

  return (
    <View className="admin-columns">
      <View className="admin-side">
        <View className="card" id="audit-filters">
          <Text className="t-title t-block">筛选</Text>
          <Text className="field-label gap-top">操作类型</Text>
          <Input
            id="audit-action"
            className="input"
            value={action}
            placeholder="例如 membership.approve"
            onInput={(e) => setAction(e.detail.value)}
          />
          {errors.action ? (
            <Text className="field-error" id="audit-action-error">
              {errors.action}
            </Text>
          ) : null}
          <Text className="field-label gap-top">操作人编号</Text>
          <Input
            id="audit-actor"
            className="input"
            type="number"
            value={actor}
            placeholder="不填就是全部"
            onInput={(e) => setActor(e.detail.value)}
          />
          {errors.actorId ? (
            <Text className="field-error" id="audit-actor-error">
              {errors.actorId}
            </Text>
          ) : null}
          <View className="btn-row gap-top">
            <Button id="audit-search" className="btn btn--primary btn--small" onClick={apply}>
              查找
            </Button>
            <Button
              id="audit-clear"
              className="btn btn--plain btn--small"
              onClick={() => {
                setAction('');
                setActor('');
                setErrors({});
                setFilter({ action: '', actorId: null });
              }}
            >
              清空
            </Button>
          </View>
        </View>
      </View>
      <View className="admin-main">
        <ListState list={list} admin emptyText="没有操作记录">
          {(items) => items.map((e) => <AuditItem key={e.id} entry={e} />)}
        </ListState>
      </View>
    </View>
  );
}

function AuditItem({ entry: e }: { entry: AuditEntry }) {
  return (
    <View className="item audit-item" id={`audit-${e.id}`}>
      <View className="row row--between">
        <Text className="t-body grow audit-action">{auditLabel(e.action)}</Text>
        <Text className="t-small">{formatDateTime(e.createdAt)}</Text>
      </View>
      <Text className="item-line t-small">
        操作人：{e.actorName ?? '系统'}
        {e.actorId !== null ? `（编号${e.actorId}）` : ''} · 对象：{e.targetType}
        {e.targetId !== null ? ` #${e.targetId}` : ''}
      </Text>
      {e.before ? <Text className="item-line t-small">之前：{summary(e.before)}</Text> : null}
      {e.after ? <Text className="item-line t-small">之后：{summary(e.after)}</Text> : null}
    </View>
  );
}
