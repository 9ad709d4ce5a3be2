import { z } from 'zod';
import { text } from '../../../shared/text';
import { decide } from '../../hooks/moderation';
import type { AdminCard } from '../../hooks/neighbours-admin';
import { ReasonDialog } from '../ReasonDialog';

/**
 * 隐藏 / 恢复 a whole card through the review queue's decision (the same compare-and-set, audit,
 * public 处理记录 and message to the owner as for a reported post; docs/decisions/019-moderation.md).
 */
const hideSchema = z.object({
  reason: text({
    min: 1,
    max: 200,
    multiline: true,
    messages: { min: '请写明隐藏的原因，居民能在处理记录里看到', max: '理由最多200个字' },
  }),
});
const restoreSchema = z.object({ reason: text({ max: 200, multiline: true, messages: { max: '理由最多200个字' } }) });

export function CardDialog(props: {
  communityId: number;
  card: AdminCard;
  action: 'hide' | 'restore';
  onDone: () => void;
  onClose: () => void;
}) {
  const hide = props.action === 'hide';
  return (
    <ReasonDialog<unknown>
      id={hide ? 'card-hide' : 'card-restore'}
      title={hide ? '隐藏这张名片' : '恢复显示这张名片'}
      explain={
        hide
          ? '隐藏后，邻居在找邻居里看不到也搜不到这张名片；名片主人会收到通知，可以申诉。'
          : '恢复后，邻居又能看到这张名片。'
      }
      label={hide ? '隐藏原因' : '恢复原因（可不写）'}
      placeholder={hide ? '比如：自我介绍里有广告' : '比如：核实后没有问题'}
      maxLength={200}
      confirmText={hide ? '隐藏' : '恢复'}
      busyText="正在处理…"
      keepText="取消"
      schema={hide ? hideSchema : restoreSchema}
      send={(reason) =>
        decide(
          props.communityId,
          { subject: 'neighbour_card', subjectId: props.card.id },
          { action: props.action, reason: (reason ?? '').trim() || undefined },
        )
      }
      onDone={props.onDone}
      onClose={props.onClose}
    />
  );
}
