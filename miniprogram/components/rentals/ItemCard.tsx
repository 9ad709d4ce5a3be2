import { Image, Text, View } from '@tarojs/components';
import { rentalCategoryLabels } from '../../../shared/enums';
import type { RentalItem } from '../../hooks/rentals';
import { fileUrl } from '../notice/NoticeView';
import { depositText } from './text';
import './rentals.css';

/** One device in the catalogue: photo, name, who it suits, what it costs, and whether one is free today. */
export function ItemCard(props: { item: RentalItem; onOpen: () => void }) {
  const it = props.item;
  const prefix = `rental-item-${it.id}`;
  return (
    <View id={prefix} className="item rental-card" onClick={props.onOpen}>
      <View className="rental-card-row">
        {it.photoUrl ? (
          <Image className="rental-card-photo" src={fileUrl(it.photoUrl)} mode="aspectFill" lazyLoad />
        ) : (
          <View className="rental-card-photo rental-card-photo--none">
            <Text className="t-small">{rentalCategoryLabels[it.category]}</Text>
          </View>
        )}
        <View className="grow rental-card-text">
          <Text className="rental-card-title t-block" id={`${prefix}-name`}>
            {it.name}
          </Text>
          <Text className="t-body t-block rental-fee" id={`${prefix}-fee`}>
            {it.feeText}
          </Text>
          <Text className="t-small t-block" id={`${prefix}-deposit`}>
            {depositText(it.depositFen)}
          </Text>
        </View>
      </View>
      {it.suitableFor ? (
        <Text className="t-body t-block gap-top rental-text" id={`${prefix}-suits`}>
          适合：{it.suitableFor}
        </Text>
      ) : null}
      <Text
        className={`t-body t-block gap-top rental-free ${it.freeToday > 0 ? 'rental-free--yes' : 'rental-free--no'}`}
        id={`${prefix}-free`}
      >
        {it.freeToday > 0 ? `今天可借 ${it.freeToday} 件` : '暂无空闲，可排队'}
        {it.waiting > 0 ? `（${it.waiting}人在排队）` : ''}
      </Text>
    </View>
  );
}
