import { Text, View } from '@tarojs/components';
import type { PostListItem } from '../../hooks/board';
import { categoryLabel, stateNote, statusLabel, statusTone } from '../../lib/board-text';
import { cx } from '../../lib/format';
import './board.css';

type Tagged = Pick<
  PostListItem,
  'id' | 'kind' | 'category' | 'matterCategory' | 'status' | 'state' | 'heldReason' | 'stateReason' | 'hasOfficialReply'
>;

/** A post's tags: its category (小事快办 marked), where it stands, 居委已回复, and 审核中 / 已隐藏 for its author. */
export function PostTags(props: { post: Tagged; prefix: string }) {
  const p = props.post;
  const note = stateNote(p);
  return (
    <View className="row row--wrap board-tags">
      {p.kind === 'matter' ? <Text className="tag tag--danger board-tag">小事快办</Text> : null}
      <Text className="tag tag--info board-tag" id={`${props.prefix}-category`}>
        {categoryLabel(p)}
      </Text>
      {note ? (
        <Text className="tag tag--off board-tag board-tag--state" id={`${props.prefix}-state`}>
          {note.label}
        </Text>
      ) : (
        <Text className={cx('tag', 'board-tag', statusTone[p.status])} id={`${props.prefix}-status`}>
          {statusLabel(p.status)}
        </Text>
      )}
      {p.hasOfficialReply ? (
        <Text className="tag tag--ok board-tag board-tag--official" id={`${props.prefix}-official`}>
          ✓ 居委已回复
        </Text>
      ) : null}
    </View>
  );
}
