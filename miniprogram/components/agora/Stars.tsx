import { View } from '@tarojs/components';
import { cx } from '../../lib/format';
import './resident.css';

const STARS = [1, 2, 3, 4, 5];

/** Five big stars; with onChange each is a tap target. */
export function Stars(props: { id: string; value: number; onChange?: (n: number) => void }) {
  return (
    <View className="agora-stars" id={props.id}>
      {STARS.map((n) => (
        <View
          key={n}
          id={`${props.id}-${n}`}
          className={cx('agora-star', n <= props.value && 'agora-star--on')}
          onClick={props.onChange ? () => props.onChange?.(n) : undefined}
        >
          {n <= Math.round(props.value) ? '★' : '☆'}
        </View>
      ))}
    </View>
  );
}
