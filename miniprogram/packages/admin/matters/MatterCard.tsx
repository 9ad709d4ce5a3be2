import { Image, Text, View } from '@tarojs/components';
import type { MatterItem } from '../../../../shared/contracts/matters';
import { matterCategoryLabels, matterRouteLabels } from '../../../../shared/enums';
import { fileUrl } from '../../../lib/notice-files';
import { go, routes } from '../../../lib/routes';

/** How long ago, in words an elderly reader takes in at a glance: 3小时前, 2天前. */
export function ageOf(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${Math.max(minutes, 1)}分钟前`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}小时前`;
  return `${Math.floor(minutes / (24 * 60))}天前`;
}

/** One matter on the board: category, place, the first words, a photo, +1s, age, who works it. */
export function MatterCard(props: { matter: MatterItem }) {
  const m = props.matter;
  const photo = m.images[0]?.urls.thumbnail ?? null;
  return (
    <View id={`matter-${m.id}`} className="item matter-card" onClick={() => go(routes.adminMatter(m.id))}>
      <View className="row row--between">
        <Text className="item-title grow">
          {matterCategoryLabels[m.matterCategory]} · {m.place}
        </Text>
        <Text className="tag">{matterRouteLabels[m.route]}</Text>
      </View>
      <View className="row">
        <Text className="item-line t-body grow">{m.excerpt}</Text>
        {photo ? <Image className="matter-thumb" src={fileUrl(photo)} mode="aspectFill" /> : null}
      </View>
      <Text className="item-line t-small" id={`matter-${m.id}-meta`}>
        {ageOf(m.createdAt)}
        {m.plusCount > 0 ? ` · ${m.plusCount}户也遇到了` : ''}
        {m.imageCount > 0 ? ` · ${m.imageCount}张照片` : ''}
        {m.handledBy ? ` · ${m.handledBy}` : ''}
      </Text>
    </View>
  );
}
