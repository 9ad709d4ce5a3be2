import { View } from '@tarojs/components';
import { Field } from '../Form';
import './board.css';

/** The common places of a 小区, offered as one-tap picks under the free text. */
const COMMON_PLACES = ['小区大门', '地下车库', '垃圾房', '电梯', '楼道', '绿化带'];

/** 地点 of a 小事快办: free text, with the resident's own building and common places a tap away. */
export function PlaceField(props: {
  value: string;
  onChange: (value: string) => void;
  building: string | null;
  max: number;
  error?: string | null;
}) {
  const picks = props.building ? [props.building, ...COMMON_PLACES] : COMMON_PLACES;
  return (
    <View>
      <Field
        id="compose-place"
        label="地点"
        value={props.value}
        maxlength={props.max}
        placeholder="比如：3号楼门口"
        onChange={props.onChange}
        error={props.error}
      />
      <View className="chips" id="compose-place-picks">
        {picks.map((p, i) => (
          <View key={p} id={`compose-place-pick-${i}`} className="chip" onClick={() => props.onChange(p)}>
            {p}
          </View>
        ))}
      </View>
    </View>
  );
}
