import { z } from 'zod';
import { tagInput } from '../../../shared/contracts/neighbours';
import { text } from '../../../shared/text';
import { type AdminCard, hideTag, restoreTag } from '../../hooks/neighbours-admin';
import { ReasonDialog } from '../ReasonDialog';

/**
 * 隐藏 / 恢复 one tag of a card, with a reason for the record (the action is audited). Hiding asks
 * for a reason; showing again takes one if given. The reason's length rule is the contract's.
 */
const hideSchema = z.object({
  reason: text({
    min: 1,
    max: 200,
    multiline: true,
    messages: { min: '请写明隐藏的原因，会记在操作记录里', max: '理由最多200个字' },
  }),
});
const restoreSchema = tagInput.pick({ reason: true });

export function TagDialog(props: {
  communityId: number;
  card: AdminCard;
  tag: string;
  action: 'hide' | 'restore';
  onDone: (card: AdminCard) => void;
  onClose: () => void;
}) {
  const hide = props.action === 'hide';
  return (
    <ReasonDialog<AdminCard>
      id={hide ? 'tag-hide' : 'tag-restore'}
      title={hide ? `隐藏标签「${props.tag}」` : `恢复标签「${props.tag}」`}
      explain={
        hide
          ? '隐藏后，所有邻居都看不到这个标签，也搜不到；名片主人会看到它被隐藏了。'
          : '恢复后，邻居又能看到这个标签（名片主人打开了标签时）。'
      }
      label={hide ? '隐藏原因' : '恢复原因（可不写）'}
      placeholder={hide ? '比如：标签里有广告' : '比如：核实后没有问题'}
      maxLength={200}
      confirmText={hide ? '隐藏' : '恢复'}
      busyText="正在处理…"
      keepText="取消"
      schema={hide ? hideSchema : restoreSchema}
      send={(reason) =>
        (hide ? hideTag : restoreTag)(props.communityId, props.card.id, props.tag, (reason ?? '').trim())
      }
      onDone={props.onDone}
      onClose={props.onClose}
    />
  );
}
