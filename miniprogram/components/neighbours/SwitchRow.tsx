import { Switch, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { neighbourConsentTexts } from '../../../shared/domain/neighbour-card';
import { type NeighbourField, neighbourFieldLabels } from '../../../shared/enums';
import { colors } from '../../lib/tokens';
import './neighbours.css';

/**
 * One field of the card with its own switch next to it and, under it, the consent text the switch
 * stands for (neighbourConsentTexts, NEIGHBOUR_CONSENT_VERSION). Ids: `${id}` the switch,
 * `${id}-text` the consent words.
 */
export function SwitchRow(props: {
  id: string;
  field: NeighbourField;
  label?: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  children?: ReactNode;
}) {
  const label = props.label ?? neighbourFieldLabels[props.field];
  return (
    <View className="neighbour-switch-block" id={`${props.id}-block`}>
      <View className="switch-row">
        <View className="grow">
          <Text className="t-body t-block">
            <Text className="t-title">{label}</Text>
            {props.checked ? '　邻居能看到' : '　不给邻居看'}
          </Text>
        </View>
        <Switch
          id={props.id}
          className="switch-big"
          aria-label={label}
          nativeProps={{ role: 'switch', 'aria-label': label }}
          checked={props.checked}
          color={colors.primary}
          onChange={(e) => props.onChange(e.detail.value)}
        />
      </View>
      <Text className="t-small t-block" id={`${props.id}-text`}>
        {neighbourConsentTexts[props.field]}
      </Text>
      {props.children}
    </View>
  );
}
