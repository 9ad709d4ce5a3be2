import { Text, View } from '@tarojs/components';
import type { PostDetail } from '../../hooks/board';
import { relativeTime, statusLabel } from '../../lib/board-text';
import { formatDateTime } from '../../lib/format';
import { BodyText } from '../notice/BodyText';
import { Photos } from './Photos';
import { PostTags } from './PostTags';
import './board.css';

/** A post as everyone reads it: tags, place, who and when, the words (phones dial), photos. */
export function PostView(props: { post: PostDetail; now?: number }) {
  const p = props.post;
  return (
    <View className="card" id="post-view">
      <PostTags post={p} prefix="post-view" />
      {p.kind === 'matter' && p.place ? (
        <Text className="t-title t-block board-place" id="post-place">
          地点：{p.place}
        </Text>
      ) : null}
      <Text className="t-small t-block" id="post-author">
        {p.authorLabel}
        {p.mine ? '（我）' : ''} · {relativeTime(p.createdAt, props.now)}（{formatDateTime(p.createdAt)}）
      </Text>
      {p.editedAt ? (
        <Text className="t-small t-block" id="post-edited">
          已编辑
        </Text>
      ) : null}
      <BodyText id="post-body" className="notice-body" body={p.body} />
      <Photos images={p.images} prefix="post-view" />
      <Text className="t-small t-block gap-top" id="post-status-line">
        现在：{statusLabel(p.status)} · 评论 {p.commentCount}
      </Text>
    </View>
  );
}
