import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../../components/Form';
import { isWeapp } from '../../../lib/env';

/** Six decimals: about 10 cm, more than enough for a door. */
const degrees = (value: number) => String(Math.round(value * 1e6) / 1e6);

/**
 * Where the committee is, for 找居委's distances and the map button on its card. In WeChat
 * it is chosen on the map (Taro.chooseLocation gives GCJ-02, as the committees are stored);
 * in a browser, or when the map will not open, the numbers are typed instead.
 */
export function LocationField(props: {
  lat: string;
  lng: string;
  onChange: (lat: string, lng: string) => void;
  errors: { lat?: string; lng?: string };
}) {
  const [mapFailed, setMapFailed] = useState(false);
  const hasPlace = props.lat.trim() !== '' && props.lng.trim() !== '';

  const pick = async () => {
    try {
      const at = hasPlace ? { latitude: Number(props.lat), longitude: Number(props.lng) } : {};
      const place = await Taro.chooseLocation(at);
      props.onChange(degrees(place.latitude), degrees(place.longitude));
    } catch (error) {
      // Closing the map is no failure; anything else (no permission, an old WeChat) falls back to typing.
      if (/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? error))) return;
      setMapFailed(true);
      void Taro.showToast({ title: '地图打不开，请直接填写经纬度', icon: 'none' });
    }
  };

  const error = props.errors.lat ?? props.errors.lng;
  if (isWeapp && !mapFailed) {
    return (
      <View className="field" id="edit-location">
        <Text className="field-label">居委的位置</Text>
        <Text className="t-body t-block" id="edit-location-text">
          {hasPlace ? `已选好（纬度 ${props.lat}，经度 ${props.lng}）` : '还没有选位置'}
        </Text>
        <View className="btn-row gap-top">
          <Button id="edit-location-pick" className="btn btn--primary btn--small" onClick={() => void pick()}>
            {hasPlace ? '在地图上重新选' : '在地图上选位置'}
          </Button>
          {hasPlace ? (
            <Button
              id="edit-location-clear"
              className="btn btn--plain btn--small"
              onClick={() => props.onChange('', '')}
            >
              清除位置
            </Button>
          ) : null}
        </View>
        <Text className="field-hint">选好后，居民在“找居委”里能看到离自己多远，也能一键导航过来。</Text>
        {error ? (
          <Text className="field-error" id="edit-location-error">
            {error}
          </Text>
        ) : null}
      </View>
    );
  }
  return (
    <View id="edit-location">
      <Text className="field-hint t-block" id="edit-location-help">
        {isWeapp
          ? '地图打不开时，可以直接填写经纬度。'
          : '在电脑上请直接填写经纬度：在腾讯地图或高德地图上找到居委，复制那里显示的纬度和经度。'}
        不填也可以，只是居民看不到离自己多远。
      </Text>
      <View className="row">
        <View className="grow">
          <Field
            id="edit-lat"
            label="纬度"
            type="digit"
            value={props.lat}
            placeholder="例如 31.2304"
            onChange={(v) => props.onChange(v, props.lng)}
            error={props.errors.lat}
          />
        </View>
        <View className="grow card-lng">
          <Field
            id="edit-lng"
            label="经度"
            type="digit"
            value={props.lng}
            placeholder="例如 121.4737"
            onChange={(v) => props.onChange(props.lat, v)}
            error={props.errors.lng}
          />
        </View>
      </View>
    </View>
  );
}
