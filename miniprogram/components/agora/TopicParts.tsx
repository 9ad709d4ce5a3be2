import { Text, View } from '@tarojs/components';
import type { TopicEventKind } from '../../../shared/enums';
import type { TopicDetail } from '../../hooks/agora';
import { formatDate, formatDateTime } from '../../lib/format';
import { Photos } from '../board/Photos';
import { stageLabel } from './text';
import './resident.css';

type TopicEvent = TopicDetail['timeline'][number];

const eventLabels: Record<Exclude<TopicEventKind, 'stage'>, string> = {
  cosign_reached: '附议户数够了',
  merged_in: '有相似的议题并入',
  meeting: '开了线下议事会',
  update: '发布了实施进展',
  vote_opened: '开始投票',
  vote_closed: '投票结束',
};

export function eventText(e: TopicEvent): string {
  if (e.kind === 'stage') return e.toStage ? `进入「${stageLabel(e.toStage)}」` : '阶段变了';
  return eventLabels[e.kind];
}

/** What happened to the topic, when and by whom (居委会 / 提议人 / 系统). */
export function TopicTimeline(props: { topic: TopicDetail }) {
  const steps = props.topic.timeline;
  if (steps.length === 0) return null;
  return (
    <View className="card" id="topic-timeline">
      <Text className="t-title t-block">进展记录</Text>
      {steps.map((step, i) => (
        // Steps are in time order and never reordered: the place is the key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <View key={i} className="agora-step" id={`timeline-${i}`}>
          <Text className="t-body t-block">
            {eventText(step)} · {step.actorLabel}
          </Text>
          <Text className="t-small t-block">{formatDateTime(step.at)}</Text>
          {step.note ? <Text className="t-body t-block agora-text">{step.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** 线下议事会: date, place, who attended, minutes and photos. */
export function Meetings(props: { topic: TopicDetail }) {
  const list = props.topic.meetings;
  if (list.length === 0) return null;
  return (
    <View className="card" id="topic-meetings">
      <Text className="t-title t-block">线下议事会</Text>
      {list.map((m) => (
        <View key={m.id} className="agora-step" id={`meeting-${m.id}`}>
          <Text className="t-body t-block">
            {formatDate(`${m.heldOn}T12:00:00+08:00`)}
            {m.place ? ` · ${m.place}` : ''}
          </Text>
          <Text className="t-body t-block">
            参加：{m.attendees}
            {m.attendeeCount ? `（共${m.attendeeCount}人）` : ''}
          </Text>
          <Text className="t-body t-block agora-text gap-top">{m.minutes}</Text>
          <Photos images={m.images} prefix={`meeting-${m.id}`} small />
        </View>
      ))}
    </View>
  );
}

/** 实施进展: what was done and when, with photos. */
export function Updates(props: { topic: TopicDetail }) {
  const list = props.topic.updates;
  if (list.length === 0) return null;
  return (
    <View className="card" id="topic-updates">
      <Text className="t-title t-block">实施进展</Text>
      {list.map((u) => (
        <View key={u.id} className="agora-step" id={`update-${u.id}`}>
          <Text className="t-small t-block">{formatDate(`${u.happenedOn}T12:00:00+08:00`)}</Text>
          <Text className="t-body t-block agora-text">{u.body}</Text>
          <Photos images={u.images} prefix={`update-${u.id}`} small />
        </View>
      ))}
    </View>
  );
}
