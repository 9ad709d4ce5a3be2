import { Image, Text, View } from '@tarojs/components';
import type { NeighbourCardView } from '../../../shared/contracts/neighbours';
import { NEIGHBOUR_NO_NAME } from '../../../shared/domain/neighbour-card';
import { fileUrl } from '../../lib/notice-files';
import './neighbours.css';

/**
 * One neighbour's card exactly as the server (or the editor's preview, shownCard) gives it: a
 * field that is null or empty is not drawn at all. Ids start with `id`.
 */
export function NeighbourCard(props: {
  id: string;
  card: NeighbourCardView;
  /** The directory's short form: intro and 需要帮忙 left out. */
  short?: boolean;
  onOpen?: () => void;
}) {
  const c = props.card;
  const name = c.displayName ?? NEIGHBOUR_NO_NAME;
  return (
    <View className="card neighbour-card" id={props.id} onClick={props.onOpen}>
      <View className="neighbour-row">
        {c.avatarUrl ? (
          <Image className="neighbour-avatar" src={fileUrl(c.avatarUrl)} mode="aspectFill" />
        ) : (
          <View className="neighbour-avatar">{name.slice(0, 1)}</View>
        )}
        <View className="neighbour-text grow">
          <Text className="neighbour-name t-block" id={`${props.id}-name`}>
            {name}
          </Text>
          {c.building || c.room ? (
            <Text className="t-body t-block" id={`${props.id}-building`}>
              {[c.building, c.room].filter(Boolean).join(' ')}
              {c.sameBuilding ? (
                <Text className="tag tag--ok" id={`${props.id}-same`}>
                  同楼
                </Text>
              ) : null}
            </Text>
          ) : null}
        </View>
      </View>
      {c.tags.length ? (
        <View className="neighbour-tags" id={`${props.id}-tags`}>
          {c.tags.map((t) => (
            <Text key={t} className="tag tag--info">
              {t}
            </Text>
          ))}
        </View>
      ) : null}
      {!props.short && c.intro ? (
        <Text className="t-body t-block gap-top neighbour-words" id={`${props.id}-intro`}>
          {c.intro}
        </Text>
      ) : null}
      {c.canHelp.length ? (
        <Text className="t-body t-block gap-top neighbour-words" id={`${props.id}-can-help`}>
          可以帮忙：{c.canHelp.join('、')}
        </Text>
      ) : null}
      {!props.short && c.needHelp.length ? (
        <Text className="t-body t-block gap-top neighbour-words" id={`${props.id}-need-help`}>
          需要帮忙：{c.needHelp.join('、')}
        </Text>
      ) : null}
    </View>
  );
}
