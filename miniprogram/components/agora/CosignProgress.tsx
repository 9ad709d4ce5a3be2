import { Text, View } from '@tarojs/components';
import './resident.css';

/** 附议 x / y 户 with a bar. */
export function CosignProgress(props: { id: string; topic: { cosignCount: number; cosignNeeded: number } }) {
  const { cosignCount: count, cosignNeeded: needed } = props.topic;
  const width = needed > 0 ? Math.min(100, Math.floor((count * 100) / needed)) : 100;
  return (
    <View id={props.id}>
      <Text className="t-body t-block" id={`${props.id}-text`}>
        附议 {count} / {needed} 户
      </Text>
      <View className="agora-progress">
        <View className="agora-progress-fill" style={{ width: `${width}%` }} />
      </View>
    </View>
  );
}
