import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { RATING_COMMENT_MAX, ratePost } from '../../../shared/contracts/board';
import { board, type PostDetail } from '../../hooks/board';
import { useSubmit } from '../../hooks/useSubmit';
import { rejectedMessage } from '../../lib/board-text';
import { cx } from '../../lib/format';
import { checkWith } from '../../lib/validation';
import { FormError } from '../Form';
import './board.css';

const STARS = [1, 2, 3, 4, 5];

function Stars(props: { value: number; onChange?: (n: number) => void; id: string }) {
  return (
    <View className="board-stars" id={props.id}>
      {STARS.map((n) => (
        <View
          key={n}
          id={`${props.id}-${n}`}
          className={cx('board-star', n <= props.value && 'board-star--on')}
          onClick={props.onChange ? () => props.onChange?.(n) : undefined}
        >
          {n <= props.value ? '★' : '☆'}
        </View>
      ))}
    </View>
  );
}

/** 成效居民评: the author rates a finished 小事快办 1–5 with a comment, once; then everyone sees it. */
export function Rating(props: { post: PostDetail; onChange: (post: PostDetail) => void }) {
  const p = props.post;
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const sending = useSubmit<'stars' | 'comment'>({
    place: (e) => (e.code === 'CONTENT_REJECTED' ? { field: 'comment', message: rejectedMessage(e) } : null),
  });

  if (p.rating !== null) {
    return (
      <View className="card" id="post-rating">
        <Text className="t-title t-block">居民评价</Text>
        <Stars id="post-rating-stars" value={p.rating} />
        <Text className="t-body t-block" id="post-rating-text">
          {p.rating}星{p.ratingComment ? `：${p.ratingComment}` : ''}
        </Text>
      </View>
    );
  }
  if (!p.mine || p.kind !== 'matter' || p.status !== 'resolved') return null;

  const send = async () => {
    const checked = checkWith<{ stars: number; comment?: string }, 'stars' | 'comment'>(ratePost.body, {
      stars,
      comment,
    });
    if (!checked.body) {
      sending.setFieldErrors(checked.errors);
      return;
    }
    const body = checked.body;
    const next = await sending.submit(() =>
      board.rate({ communityId: p.communityId, postId: p.id }, body.stars, body.comment ?? ''),
    );
    if (next) props.onChange(next);
  };

  return (
    <View className="card" id="post-rate">
      <Text className="t-title t-block">给这次办理打个分</Text>
      <Stars id="rate-stars" value={stars} onChange={setStars} />
      {sending.fieldErrors.stars ? (
        <Text className="field-error" id="rate-stars-error">
          {sending.fieldErrors.stars}
        </Text>
      ) : null}
      <Textarea
        id="rate-comment"
        className={cx('input textarea', sending.fieldErrors.comment && 'input--error')}
        value={comment}
        maxlength={RATING_COMMENT_MAX}
        placeholder="说说办得怎么样（可不写）"
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
  );
}
