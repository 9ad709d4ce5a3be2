import { Text, View } from '@tarojs/components';
import type { PostListItem } from '../../hooks/board';
import { relativeTime } from '../../lib/board-text';
import { cx } from '../../lib/format';
import { Photos } from './Photos';
import { PostTags } from './PostTags';
import './board.css';

/** One post in the board: tags, the first words, who and when, thumbnails and counts. */
export function PostCard(props: { post: PostListItem; onOpen: () => void; now?: number }) {
  const p = props.post;
  const prefix = `post-${p.id}`;
  return (
    <View
      id={prefix}
      className={cx('item', 'board-card', p.hasOfficialReply && 'board-card--official')}
      onClick={props.onOpen}
    >
      <PostTags post={p} prefix={prefix} />
      {p.kind === 'matter' && p.place ? (
        <Text className="t-body t-block board-place" id={`${prefix}-place`}>
          地点：{p.place}
        </Text>
      ) : null}
      <Text className="t-body t-block board-excerpt" id={`${prefix}-excerpt`}>
        {p.excerpt}
      </Text>
      <Photos images={p.images} prefix={prefix} small />
      <View className="row row--between board-meta">
        <Text className="t-small" id={`${prefix}-author`}>
          {p.authorLabel}
          {p.mine ? '（我）' : ''} · {relativeTime(p.createdAt, props.now)}
        </Text>
        <Text className="t-small" id={`${prefix}-counts`}>
          评论 {p.commentCount} · 我也遇到了 {p.plusCount}
        </Text>
      </View>
    </View>
  );
}
