import { Text, View } from '@tarojs/components';
import type { TopicDetail } from '../../hooks/agora';
import { cx } from '../../lib/format';
import { stageExplain, stageLabel } from './text';
import './resident.css';

/** The stage in big letters and what happens next in one plain sentence. */
export function StageBanner(props: { topic: TopicDetail; now: number }) {
  const t = props.topic;
  const asks = t.stage === 'collecting' || t.stage === 'voting' || t.stage === 'rating';
  return (
    <View className={cx('card agora-banner', asks && 'agora-banner--warn')} id="topic-stage">
      <Text className="t-title t-block" id="topic-stage-label">
        {stageLabel(t.stage)}
      </Text>
      <Text className="t-body t-block gap-top" id="topic-stage-text">
        {stageExplain(t, props.now)}
      </Text>
    </View>
  );
}
