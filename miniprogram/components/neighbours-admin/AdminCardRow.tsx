import { Button, Image, Text, View } from '@tarojs/components';
import { contentStateLabels } from '../../../shared/enums';
import type { AdminCard } from '../../hooks/neighbours-admin';
import { cx } from '../../lib/format';
import './neighbours-admin.css';

const stateTags: Record<AdminCard['state'], string> = {
  visible: 'tag--ok',
  held: 'tag--warn',
  hidden: 'tag--danger',
  deleted: 'tag--off',
  rejected: 'tag--danger',
};

/**
 * One card as neighbours see it (a switched-off field is simply absent), with what only the
 * committee sees: its state, how often it was reported, the tags hidden by a moderator. Each
 * shown tag can be hidden, each hidden one shown again.
 */
export function AdminCardRow(props: {
  card: AdminCard;
  onTag: (tag: string, action: 'hide' | 'restore') => void;
  /** Hide the whole card, or show a hidden one again (the review queue's decision). */
  onCard: (action: 'hide' | 'restore') => void;
}) {
  const c = props.card;
  const id = `neighbour-card-${c.id}`;
  const where = [c.building, c.room].filter(Boolean).join(' ');
  return (
    <View className="item admin-neighbour-card" id={id}>
      <View className="row row--between">
        <View className="row grow">
          {c.avatarUrl ? <Image className="nb-avatar" src={c.avatarUrl} mode="aspectFill" /> : null}
          <Text className="item-title grow" id={`${id}-name`}>
            {c.displayName ?? '（没有显示称呼）'}
          </Text>
        </View>
        <Text className={cx('tag', stateTags[c.state])} id={`${id}-state`}>
          {c.listed ? contentStateLabels[c.state] : '未公开'}
        </Text>
      </View>
      {where ? <Text className="item-line t-body t-block">{where}</Text> : null}
      {c.intro ? (
        <Text className="item-line t-body t-block" id={`${id}-intro`}>
          {c.intro}
        </Text>
      ) : null}
      {c.canHelp.length > 0 ? <Text className="item-line t-body t-block">可以帮忙：{c.canHelp.join('、')}</Text> : null}
      {c.needHelp.length > 0 ? (
        <Text className="item-line t-body t-block">需要帮忙：{c.needHelp.join('、')}</Text>
      ) : null}
      {c.reportCount > 0 ? (
        <Text className="item-line t-body t-danger t-block" id={`${id}-reports`}>
          被举报{c.reportCount}次
        </Text>
      ) : null}
      {c.tags.length > 0 ? (
        <View className="nb-tags" id={`${id}-tags`}>
          {c.tags.map((tag, i) => (
            <View key={tag} className="nb-tag">
              <Text className="tag tag--info">{tag}</Text>
              <Button
                id={`${id}-hide-${i}`}
                className="btn btn--plain btn--small"
                onClick={() => props.onTag(tag, 'hide')}
              >
                隐藏
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {c.hiddenTags.length > 0 ? (
        <View className="nb-tags" id={`${id}-hidden-tags`}>
          <Text className="t-body">已隐藏的标签：</Text>
          {c.hiddenTags.map((tag, i) => (
            <View key={tag} className="nb-tag">
              <Text className="tag tag--off">{tag}</Text>
              <Button
                id={`${id}-restore-${i}`}
                className="btn btn--plain btn--small"
                onClick={() => props.onTag(tag, 'restore')}
              >
                恢复
              </Button>
            </View>
          ))}
        </View>
      ) : null}
      {c.state === 'visible' || c.state === 'hidden' ? (
        <View className="row gap-top">
          <Button
            id={`${id}-${c.state === 'visible' ? 'hide' : 'restore'}-card`}
            className={cx('btn btn--small', c.state === 'visible' ? 'btn--plain' : 'btn--primary')}
            onClick={() => props.onCard(c.state === 'visible' ? 'hide' : 'restore')}
          >
            {c.state === 'visible' ? '隐藏整张名片' : '恢复显示名片'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
