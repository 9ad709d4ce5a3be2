import { Button, Text, View } from '@tarojs/components';
import { stateNote } from '../../lib/board-text';
import './board.css';

/** For the author: their post or comment is 审核中, 已隐藏 or 未通过审核, why, and 申诉 when allowed. */
export function StateBanner(props: {
  id: string;
  item: Parameters<typeof stateNote>[0] & { canAppeal: boolean };
  onAppeal: () => void;
}) {
  const note = stateNote(props.item);
  if (!note) return null;
  return (
    <View className="card board-note" id={props.id}>
      <Text className="t-title t-block">{note.label}</Text>
      <Text className="t-body t-block gap-top" id={`${props.id}-text`}>
        {note.text}
      </Text>
      {props.item.canAppeal ? (
        <Button id={`${props.id}-appeal`} className="btn btn--primary gap-top" onClick={props.onAppeal}>
          申诉
        </Button>
      ) : null}
    </View>
  );
}
