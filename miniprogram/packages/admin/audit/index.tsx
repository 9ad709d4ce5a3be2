import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { type AuditAction, auditActions, communityAuditActions } from '../../../../shared/audit-actions';
import { AdminShell } from '../../../components/AdminShell';
import { Chips } from '../../../components/Form';
import { ListState } from '../../../components/ListState';
import { ErrorState, Loading } from '../../../components/StateView';
import { type AuditFilter, useAuditActors, useAuditLog } from '../../../hooks/admin';
import { AuditItem } from './AuditItem';

export default function AdminAudit() {
  return (
    <AdminShell id="admin-audit" section="audit">
      {(communityId) => <AuditLog communityId={communityId} />}
    </AdminShell>
  );
}

const ALL = 'all';
const chipId = (action: AuditAction) => `audit-action-${action.replace(/[._]/g, '-')}`;

function AuditLog({ communityId }: { communityId: number }) {
  const [filter, setFilter] = useState<AuditFilter>({ action: null, actorId: null });
  const list = useAuditLog(communityId, filter);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="admin-columns">
      <View className="admin-side">
        <View className="card" id="audit-filters">
          <Text className="t-title t-block">筛选</Text>
          <Text className="field-label gap-top">哪位工作人员</Text>
          <StaffChips
            communityId={communityId}
            value={filter.actorId}
            onChange={(actorId) => setFilter({ ...filter, actorId })}
          />
          <Text className="field-label gap-top">做了什么</Text>
          <View id="audit-action">
            <Chips<AuditAction | typeof ALL>
              options={[
                { value: ALL, label: '全部', id: 'audit-action-all' },
                ...communityAuditActions.map((a) => ({ value: a, label: auditActions[a].label, id: chipId(a) })),
              ]}
              value={filter.action ?? ALL}
              onChange={(a) => setFilter({ ...filter, action: a === ALL ? null : a })}
            />
          </View>
          <View className="btn-row gap-top">
            <Button
              id="audit-clear"
              className="btn btn--plain btn--small"
              onClick={() => setFilter({ action: null, actorId: null })}
            >
              清空筛选
            </Button>
          </View>
        </View>
      </View>
      <View className="admin-main">
        <ListState
          list={list}
          admin
          emptyText={filter.action || filter.actorId ? '没有符合筛选的记录' : '没有操作记录'}
        >
          {(items) => items.map((e) => <AuditItem key={e.id} entry={e} />)}
        </ListState>
      </View>
    </View>
  );
}

function StaffChips(props: { communityId: number; value: number | null; onChange: (id: number | null) => void }) {
  const actors = useAuditActors(props.communityId);
  if (actors.loading && !actors.data) return <Loading id="audit-actors-loading" />;
  if (actors.error) return <ErrorState id="audit-actors-error" error={actors.error} onRetry={actors.reload} admin />;
  return (
    <View id="audit-actor">
      <Chips<number>
        options={[
          { value: 0, label: '全部', id: 'audit-actor-all' },
          ...(actors.data ?? []).map((a) => ({ value: a.id, label: a.name, id: `audit-actor-${a.id}` })),
        ]}
        value={props.value ?? 0}
        onChange={(id) => props.onChange(id === 0 ? null : id)}
      />
    </View>
  );
}
