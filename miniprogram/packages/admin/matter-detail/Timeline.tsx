import { Text, View } from '@tarojs/components';
import type { MatterDetail } from '../../../../shared/contracts/matters';
import { postStatusLabels } from '../../../../shared/enums';
import { formatDateTime } from '../../../lib/format';

/** The matter's steps and official replies, oldest first: who (side and name), when, what they wrote. */
export function Timeline(props: { matter: MatterDetail }) {
  const m = props.matter;
  return (
    <View className="card gap-top" id="matter-timeline">
      <Text className="t-title t-block">进度</Text>
      {m.timeline.map((s, i) => (
        <View key={`${s.at}-${s.toStatus}-${s.note ?? ''}`} className="item" id={`matter-step-${i}`}>
          <Text className="t-body t-block">
            {s.fromStatus === s.toStatus ? '转交' : postStatusLabels[s.toStatus]} · {s.actorLabel}
            {s.actorName ? `（${s.actorName}）` : ''}
          </Text>
          <Text className="t-small t-block">{formatDateTime(s.at)}</Text>
          {s.note ? <Text className="t-body t-block">{s.note}</Text> : null}
        </View>
      ))}
      {m.replies.map((r) => (
        <View key={r.id} className="item" id={`matter-reply-${r.id}`}>
          <Text className="t-body t-block">{r.authorLabel}回复</Text>
          <Text className="t-small t-block">{formatDateTime(r.at)}</Text>
          <Text className="t-body t-block">{r.body}</Text>
        </View>
      ))}
    </View>
  );
}
