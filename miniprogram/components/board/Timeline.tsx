import { Text, View } from '@tarojs/components';
import { matterRouteLabels } from '../../../shared/enums';
import type { PostDetail } from '../../hooks/board';
import { statusLabel } from '../../lib/board-text';
import { formatDateTime } from '../../lib/format';
import './board.css';

/** How a post got where it is: each step with who (居委会 / 物业 / 发帖人) and when. */
export function Timeline(props: { post: PostDetail }) {
  const p = props.post;
  if (p.timeline.length === 0 && p.kind !== 'matter') return null;
  return (
    <View className="card" id="post-timeline">
      <Text className="t-title t-block">{p.kind === 'matter' ? '处理进度' : '进展'}</Text>
      {p.kind === 'matter' && p.route ? (
        <Text className="t-body t-block" id="post-route">
          由{matterRouteLabels[p.route]}处理
        </Text>
      ) : null}
      {p.timeline.map((step, i) => (
        // Steps are in time order and never reordered: the place is the key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <View key={i} className="board-timeline-step" id={`timeline-${i}`}>
          <Text className="t-body t-block">
            {statusLabel(step.toStatus)} · {step.actorLabel}
          </Text>
          <Text className="t-small t-block">{formatDateTime(step.at)}</Text>
          {step.note ? <Text className="t-body t-block">{step.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
