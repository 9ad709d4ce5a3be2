import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { commentOnTopic, TOPIC_COMMENT_MAX } from '../../../shared/contracts/topics';
import { contentStateLabels, type TopicCommentKind } from '../../../shared/enums';
import { agora, type TopicCommentView } from '../../hooks/agora';
import type { PagedList } from '../../hooks/usePagedList';
import { relativeTime } from '../../lib/board-text';
import { ChoiceGrid } from '../board/ChoiceGrid';
import { WriteBox } from '../board/WriteBox';
import { ListFooter } from '../ListState';
import { ErrorState, Loading } from '../StateView';
import './resident.css';

function Row(props: { c: TopicCommentView; onReport?: () => void; onAppeal?: () => void }) {
  const { c } = props;
  return (
    <View className={c.isOfficial ? 'card agora-official' : 'board-comment'} id={`tc-${c.id}`}>
      <View className="row row--between row--wrap">
        <Text className="t-body">
          {c.isOfficial ? <Text className="tag tag--ok board-tag board-tag--official">居委答复</Text> : null}
          {c.kind === 'question' ? <Text className="tag tag--info board-tag">提问</Text> : null}
          {c.authorLabel}
          {c.mine ? '（我）' : ''}
        </Text>
        <Text className="t-small">{relativeTime(c.createdAt)}</Text>
      </View>
      {c.state !== 'visible' ? (
        <Text className="tag tag--off board-tag" id={`tc-${c.id}-state`}>
          {contentStateLabels[c.state]}
        </Text>
      ) : null}
      <Text className="t-body t-block board-comment-body">{c.body}</Text>
      {c.answers.map((a) => (
        <View key={a.id} className="agora-answer" id={`tc-${c.id}-answer-${a.id}`}>
          <Text className="t-body t-block">
            <Text className="tag tag--ok board-tag board-tag--official">居委答复</Text>
            {a.authorLabel} · {relativeTime(a.createdAt)}
          </Text>
          <Text className="t-body t-block board-comment-body">{a.body}</Text>
        </View>
      ))}
      {c.kind === 'question' && c.answers.length === 0 ? (
        <Text className="t-small t-block" id={`tc-${c.id}-waiting`}>
          等待居委会回答
        </Text>
      ) : null}
      {props.onAppeal ? (
        <Text className="link t-small" id={`tc-${c.id}-appeal`} onClick={props.onAppeal}>
          申诉
        </Text>
      ) : null}
      {props.onReport ? (
        <Text className="link t-small" id={`tc-${c.id}-report`} onClick={props.onReport}>
          举报
        </Text>
      ) : null}
    </View>
  );
}

/** 议: the committee's remarks pinned on top (居委答复), then remarks and questions with their answers, then the box. */
export function Discussion(props: {
  communityId: number;
  topicId: number;
  list: PagedList<TopicCommentView>;
  canComment: boolean;
  onReport: (c: TopicCommentView) => void;
  onAppeal: (c: TopicCommentView) => void;
}) {
  const { list } = props;
  const [kind, setKind] = useState<TopicCommentKind>('comment');
  const official = list.items.filter((c) => c.isOfficial);
  const others = list.items.filter((c) => !c.isOfficial);
  const key = { communityId: props.communityId, topicId: props.topicId };
  return (
    <View id="topic-discussion">
      {official.map((c) => (
        <Row key={c.id} c={c} />
      ))}
      <View className="card">
        <Text className="t-title t-block">大家的意见和提问</Text>
        {list.status === 'loading' ? (
          <Loading id="discussion-loading" />
        ) : list.status === 'error' && list.error ? (
          <ErrorState id="discussion-error" error={list.error} onRetry={list.reload} />
        ) : others.length === 0 ? (
          <Text className="t-body t-block gap-top" id="discussion-empty">
            还没有人发言
          </Text>
        ) : (
          <View>
            {others.map((c) => (
              <Row
                key={c.id}
                c={c}
                onReport={c.mine || c.state !== 'visible' ? undefined : () => props.onReport(c)}
                onAppeal={c.mine && c.state === 'hidden' ? () => props.onAppeal(c) : undefined}
              />
            ))}
            <ListFooter list={list} />
          </View>
        )}
        {props.canComment ? (
          <View className="gap-top">
            <ChoiceGrid
              id="discussion-kind"
              choices={[
                { value: 'comment', label: '发表意见' },
                { value: 'question', label: '提问' },
              ]}
              value={kind}
              onChange={setKind}
            />
            <WriteBox
              id="discussion-box"
              label={kind === 'question' ? '向居委会提问' : '发表意见'}
              placeholder={kind === 'question' ? '想问居委会什么？' : '说说您的看法'}
              max={TOPIC_COMMENT_MAX}
              schema={commentOnTopic.body}
              submitText={kind === 'question' ? '提问' : '发表'}
              send={(body) => agora.comment(key, body, kind)}
              onDone={(c) => {
                if (!list.hasMore) list.update((items) => [...items, c]);
              }}
            />
          </View>
        ) : null}
      </View>
    </View>
  );
}
