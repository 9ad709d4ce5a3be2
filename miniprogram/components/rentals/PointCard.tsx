import { Button, Text, View } from '@tarojs/components';
import { callPhone } from '../../lib/phone';
import './rentals.css';

/** A service point: name, address, opening hours and a big button that dials its phone. */
export function PointCard(props: {
  id: string;
  point: { name: string; address: string; hours: string; phone: string; delivers?: boolean };
  title?: string;
}) {
  const p = props.point;
  return (
    <View className="card" id={props.id}>
      <Text className="t-small t-block">{props.title ?? '服务点'}</Text>
      <Text className="t-title t-block" id={`${props.id}-name`}>
        {p.name}
      </Text>
      <Text className="t-body t-block gap-top">地址：{p.address}</Text>
      <Text className="t-body t-block">开放时间：{p.hours}</Text>
      {p.delivers ? <Text className="t-body t-block">可以送货上门</Text> : null}
      <Button
        id={`${props.id}-call`}
        className="btn btn--plain btn--block gap-top"
        onClick={() => callPhone(p.phone, '服务点电话')}
      >
        打电话：{p.phone}
      </Button>
    </View>
  );
}
