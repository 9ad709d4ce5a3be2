import { Text, View } from '@tarojs/components';
import type { TopicListItem } from '../../hooks/agora';
import { formatDateTime } from '../../lib/format';
import { Photos } from '../board/Photos';
import { CosignProgress } from './CosignProgress';
import { stageLabel, stageTone } from './text';
import './resident.css';

/** One topic in 议事厅: title, the stage in big letters, 附议 x/y, when its vote closes, the average rating. */
export function TopicCard(props: { topic: TopicListItem; onOpen: () => void }) {
  const t = props.topic;
  const prefix = `topic-${t.id}`;
  return (
    <View id={prefix} className="item" onClick={props.onOpen}>
      <View className="board-tags">
        <Text className={`tag agora-stage ${stageTone(t.stage)}`} id={`${prefix}-stage`}>
          {stageLabel(t.stage)}
        </Text>
        {t.kind === 'house_rules' ? <Text className="tag tag--info agora-stage">住户守则</Text> : null}
        {t.mine ? <Text className="tag tag--off agora-stage">我提的</Text> : null}
      </View>
      <Text className="agora-card-title t-block" id={`${prefix}-title`}>
        {t.title}
      </Text>
      <Text className="t-body t-block board-excerpt">{t.excerpt}</Text>
      {t.place ? <Text className="t-small t-block">地点：{t.place}</Text> : null}
      <Photos images={t.images} prefix={prefix} small />
      {t.stage === 'collecting' ? <CosignProgress id={`${prefix}-cosign`} topic={t} /> : null}
      {t.vote && t.vote.status === 'open' ? (
        <Text className="t-body t-block" id={`${prefix}-vote`}>
          投票{formatDateTime(t.vote.closesAt)}截止
        </Text>
      ) : null}
      <View className="row row--between board-meta">
        <Text className="t-small">
          {t.authorLabel} · 发言 {t.commentCount}
        </Text>
        {t.ratingAverage !== null ? (
          <Text className="t-small" id={`${prefix}-rating`}>
            评分 {t.ratingAverage.toFixed(1)}（{t.ratingCount}户）
          </Text>
        ) : null}
      </View>
    </View>
  );
}
