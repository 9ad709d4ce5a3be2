import { Text, View } from '@tarojs/components';
import { COMMENT_BODY_MAX, createComment } from '../../../shared/contracts/board';
import { board, type CommentView } from '../../hooks/board';
import type { PagedList } from '../../hooks/usePagedList';
import { relativeTime, stateNote } from '../../lib/board-text';
import { ListFooter } from '../ListState';
import { ErrorState, Loading } from '../StateView';
import { WriteBox } from './WriteBox';
import './board.css';

function CommentRow(props: { c: CommentView; onReport?: () => void; onAppeal?: () => void; now?: number }) {
  const { c } = props;
  const note = stateNote(c);
  return (
    <View className={c.isOfficial ? 'card board-official' : 'board-comment'} id={`comment-${c.id}`}>
      <View className="row row--between row--wrap">
        <Text className="t-body">
          {c.isOfficial ? <Text className="tag tag--ok board-tag board-tag--official">居委回复</Text> : null}
          {c.authorLabel}
          {c.mine ? '（我）' : ''}
        </Text>
        <Text className="t-small">{relativeTime(c.createdAt, props.now)}</Text>
      </View>
      {note ? (
        <Text className="tag tag--off board-tag" id={`comment-${c.id}-state`}>
          {note.label}
        </Text>
      ) : null}
      <Text className="t-body t-block board-comment-body">{c.body}</Text>
      {note && c.mine ? (
        <Text className="t-small t-block" id={`comment-${c.id}-state-text`}>
          {note.text}
        </Text>
      ) : null}
      {c.mine && c.canAppeal && props.onAppeal ? (
        <Text className="link t-small" id={`comment-${c.id}-appeal`} onClick={props.onAppeal}>
          申诉
        </Text>
      ) : null}
      {props.onReport ? (
        <Text className="link t-small" id={`comment-${c.id}-report`} onClick={props.onReport}>
          举报
        </Text>
      ) : null}
    </View>
  );
}

/** 居委回复 pinned on top and marked, then neighbours' comments with 加载更多, then the comment box. */
export function Comments(props: {
  communityId: number;
  postId: number;
  list: PagedList<CommentView>;
  canComment: boolean;
  onCommented: (c: CommentView) => void;
  onReport: (c: CommentView) => void;
  onAppeal: (c: CommentView) => void;
  now?: number;
}) {
  const { list } = props;
  const official = list.items.filter((c) => c.isOfficial);
  const others = list.items.filter((c) => !c.isOfficial);
  const key = { communityId: props.communityId, postId: props.postId };
  return (
    <View id="post-comments">
      {official.map((c) => (
        <CommentRow key={c.id} c={c} now={props.now} />
      ))}
      <View className="card">
        <Text className="t-title t-block">邻居评论</Text>
        {list.status === 'loading' ? (
          <Loading id="comments-loading" />
        ) : list.status === 'error' && list.error ? (
          <ErrorState id="comments-error" error={list.error} onRetry={list.reload} />
        ) : others.length === 0 ? (
          <Text className="t-body t-block gap-top" id="comments-empty">
            还没有评论
          </Text>
        ) : (
          <View>
            {others.map((c) => (
              <CommentRow
                key={c.id}
                c={c}
                now={props.now}
                onReport={c.mine ? undefined : () => props.onReport(c)}
                onAppeal={() => props.onAppeal(c)}
              />
            ))}
            <ListFooter list={list} />
          </View>
        )}
        {props.canComment ? (
          <WriteBox
            id="comment-box"
            label="写评论"
            placeholder="说说您的看法"
            max={COMMENT_BODY_MAX}
            schema={createComment.body}
            submitText="发表评论"
            send={(body) => board.comment(key, body)}
            onDone={(c) => {
              // With pages still to load, the new comment comes with the last one: not added twice.
              if (!list.hasMore) list.update((items) => [...items, c]);
              props.onCommented(c);
            }}
          />
        ) : null}
      </View>
    </View>
  );
}
