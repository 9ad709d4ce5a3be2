import { Text, View } from '@tarojs/components';
import type { AuditActorKind, AuditEntry } from '../../../../shared/contracts/audit';
import { formatDateTime } from '../../../lib/format';

const actorKindLabels: Record<AuditActorKind, string> = {
  staff: '工作人员',
  admin: '平台管理员',
  resident: '居民',
  system: '系统',
};

/** One row of 操作记录: when, who, what, on what, and each changed field as 名称：甲 → 乙. */
export function AuditItem({ entry: e }: { entry: AuditEntry }) {
  return (
    <View className="item audit-item" id={`audit-${e.id}`}>
      <View className="row row--between">
        <Text className="item-title grow audit-action">{e.actionLabel}</Text>
        <Text className="t-small audit-time">{formatDateTime(e.createdAt)}</Text>
      </View>
      <Text className="item-line t-body audit-actor" id={`audit-${e.id}-actor`}>
        操作人：{e.actorName}
        {e.actorKind === 'system' ? '' : `（${actorKindLabels[e.actorKind]}）`}
      </Text>
      <Text className="item-line t-body audit-target" id={`audit-${e.id}-target`}>
        对象：{e.targetName}
      </Text>
      {e.changes.length > 0 ? (
        <View className="audit-changes" id={`audit-${e.id}-changes`}>
          {e.changes.map((c) => (
            <Text key={c.field} className="item-line t-small t-block" id={`audit-${e.id}-change-${c.field}`}>
              {c.label}：{c.before === null ? c.after : `${c.before} → ${c.after}`}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
