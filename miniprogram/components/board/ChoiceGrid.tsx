import { View } from '@tarojs/components';
import { cx } from '../../lib/format';
import './board.css';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

/** Big buttons to pick one of a few (a category, how the author is shown): two to a line. */
export function ChoiceGrid<V extends string>(props: {
  id: string;
  choices: Choice<V>[];
  value: V | null;
  onChange: (value: V) => void;
}) {
  return (
    <View className="board-choices" id={props.id}>
      {props.choices.map((c) => (
        <View
          key={c.value}
          id={`${props.id}-${c.value}`}
          className={cx('board-choice', props.value === c.value && 'board-choice--on')}
          onClick={() => props.onChange(c.value)}
        >
          {props.value === c.value ? `✓ ${c.label}` : c.label}
        </View>
      ))}
    </View>
  );
}
