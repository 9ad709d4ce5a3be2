import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { HouseholdView } from '../../shared/contracts/common';
import { roomsOf, unitsOf, useBuildings, useHouseholds } from '../hooks/committees';
import { Chips } from './Form';
import { Empty, ErrorState, Loading } from './StateView';

/**
 * 楼号 → 单元 → 房号, from the committee's own lists, as big buttons (no typing an address).
 * Ids: #building-<id>, #unit-<n>, #household-<id>.
 */
export function HouseholdPicker(props: {
  communityId: number;
  value: HouseholdView | null;
  onChange: (household: HouseholdView | null) => void;
  error?: string | null;
  admin?: boolean;
}) {
  const buildings = useBuildings(props.communityId);
  const [buildingId, setBuildingId] = useState<number | null>(props.value?.buildingId ?? null);
  const [unit, setUnit] = useState<string | null>(props.value?.unit ?? null);
  const households = useHouseholds(props.communityId, buildingId);

  // One building or one unit: choose it for the user.
  useEffect(() => {
    if (buildingId === null && buildings.data?.length === 1) setBuildingId(buildings.data[0].id);
  }, [buildings.data, buildingId]);
  const units = households.data ? unitsOf(households.data) : [];
  const onlyUnit = units.length === 1 ? units[0] : null;
  useEffect(() => {
    if (unit === null && onlyUnit !== null) setUnit(onlyUnit);
  }, [onlyUnit, unit]);

  return (
    <View className="household-picker" id="household-picker">
      <Text className="field-label">楼号</Text>
      {buildings.loading ? (
        <Loading id="buildings-loading" />
      ) : buildings.error ? (
        <ErrorState id="buildings-error" error={buildings.error} onRetry={buildings.reload} admin={props.admin} />
      ) : !buildings.data?.length ? (
        <Empty id="buildings-empty" text="居委还没有登记楼号，请直接联系居委" />
      ) : (
        <Chips
          options={buildings.data.map((b) => ({ value: b.id, label: b.name, id: `building-${b.id}` }))}
          value={buildingId}
          onChange={(id) => {
            setBuildingId(id);
            setUnit(null);
            props.onChange(null);
          }}
        />
      )}

      {buildingId !== null ? (
        <View className="gap-top">
          <Text className="field-label">单元</Text>
          {households.loading ? (
            <Loading id="households-loading" />
          ) : households.error ? (
            <ErrorState
              id="households-error"
              error={households.error}
              onRetry={households.reload}
              admin={props.admin}
            />
          ) : units.length === 0 ? (
            <Empty id="households-empty" text="这栋楼还没有登记房号，请直接联系居委" />
          ) : (
            <Chips
              options={units.map((u, i) => ({ value: u, label: /单元$/.test(u) ? u : `${u}单元`, id: `unit-${i}` }))}
              value={unit}
              onChange={(u) => {
                setUnit(u);
                props.onChange(null);
              }}
            />
          )}
        </View>
      ) : null}

      {unit !== null && households.data ? (
        <View className="gap-top">
          <Text className="field-label">房号</Text>
          <Chips
            options={roomsOf(households.data, unit).map((h) => ({
              value: h.id,
              label: /室$/.test(h.room) ? h.room : `${h.room}室`,
              id: `household-${h.id}`,
            }))}
            value={props.value?.id ?? null}
            onChange={(id) => props.onChange(households.data?.find((h) => h.id === id) ?? null)}
          />
        </View>
      ) : null}
      {props.error ? (
        <Text className="field-error" id="household-error">
          {props.error}
        </Text>
      ) : null}
    </View>
  );
}
