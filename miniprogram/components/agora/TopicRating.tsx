import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { rateTopic, TOPIC_RATING_COMMENT_MAX } from '../../../shared/contracts/topics';
import { agora, type TopicDetail, useTopicRatings } from '../../hooks/agora';
import { useSubmit } from '../../hooks/useSubmit';
import { rejectedMessage, relativeTime } from '../../lib/board-text';
import { cx } from '../../lib/format';
import { checkWith } from '../../lib/validation';
import { FormError } from '../Form';
import { Stars } from './Stars';
import './resident.css';

type Rating = NonNullable<ReturnType<typeof useTopicRatings>['data']>['items'][number];

/** 评: the households' average and comments; while the topic is in 成效评价, the household rates once. */
export function TopicRating(props: {
  topic: TopicDetail;
  onRated: (score: number) => void;
  onReport: (r: Rating) => void;
}) {
  const t = props.topic;
  const shows = t.stage === 'rating' || t.stage === 'closed' || t.ratingCount > 0;
  const ratings = useTopicRatings(t.communityId, t.id, shows && t.state === 'visible');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const sending = useSubmit<'score' | 'comment'>({
    place: (e) =>
      e.code === 'CONTENT_REJECTED'
        ? { field: 'comment', message: rejectedMessage(e) }
        : e.code === 'ALREADY_RATED'
          ? { form: e.message }
          : null,
  });
  if (!shows) return null;
  const canRate = t.stage === 'rating' && t.canRate && t.myRating === null;

  const send = async () => {
    const checked = checkWith<{ score: number; comment?: string }, 'score' | 'comment'>(
      rateTopic.body,
      { score, comment: comment.trim() === '' ? undefined : comment },
      { override: { score: '请选择1到5颗星' } },
    );
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const body = checked.body;
    const done = await sending.submit(() =>
      agora.rate({ communityId: t.communityId, topicId: t.id }, body.score, body.comment),
    );
    if (!done) return;
    setComment('');
    props.onRated(body.score);
    void ratings.reload();
  };

  const data = ratings.data;
  return (
    <View className="card" id="topic-rating">
      <Text className="t-title t-block">成效评价</Text>
      {data && data.average !== null ? (
        <View id="topic-rating-average">
          <Stars id="topic-rating-stars" value={data.average} />
          <Text className="t-body t-block">
            平均 {data.average.toFixed(1)} 星，{data.count} 户评价
          </Text>
        </View>
      ) : (
        <Text className="t-body t-block" id="topic-rating-none">
          还没有住户评价
        </Text>
      )}
      {t.myRating !== null ? (
        <Text className="t-body t-block gap-top" id="topic-rating-mine">
          您家打了 {t.myRating} 星
        </Text>
      ) : null}
      {canRate ? (
        <View className="gap-top" id="topic-rate">
          <Text className="field-label">办得怎么样？点星星打分</Text>
          <Stars id="rate-stars" value={score} onChange={setScore} />
          {sending.fieldErrors.score ? (
            <Text className="field-error" id="rate-stars-error">
              {sending.fieldErrors.score}
            </Text>
          ) : null}
          <Textarea
            id="rate-comment"
            className={cx('input textarea', sending.fieldErrors.comment && 'input--error')}
            value={comment}
            maxlength={TOPIC_RATING_COMMENT_MAX}
            placeholder="说说效果怎么样（可不写）"
            onInput={(e) => setComment(e.detail.value)}
          />
          {sending.fieldErrors.comment ? (
            <Text className="field-error" id="rate-comment-error">
              {sending.fieldErrors.comment}
            </Text>
          ) : null}
          <FormError id="rate-form-error" message={sending.formError} retry={sending.retry} />
          <Button
            id="rate-submit"
            className="btn btn--primary btn--block gap-top"
            disabled={sending.busy || undefined}
            onClick={() => void send()}
          >
            {sending.busy ? '正在提交…' : '提交评价'}
          </Button>
        </View>
      ) : null}
      {data?.items.map((r) => (
        <View key={r.id} className="board-comment" id={`rating-${r.id}`}>
          <View className="row row--between row--wrap">
            <Text className="t-body">
              {'★'.repeat(r.score)} {r.authorLabel}
              {r.mine ? '（我）' : ''}
            </Text>
            <Text className="t-small">{relativeTime(r.createdAt)}</Text>
          </View>
          {r.comment ? <Text className="t-body t-block board-comment-body">{r.comment}</Text> : null}
          {r.mine ? null : (
            <Text className="link t-small" id={`rating-${r.id}-report`} onClick={() => props.onReport(r)}>
              举报
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}
