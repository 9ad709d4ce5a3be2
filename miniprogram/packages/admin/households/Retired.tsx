import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { HouseholdAdmin } from '../../../../shared/contracts/households';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { restoreRoom, useRetiredRooms } from '../../../hooks/households-admin';
import { roomLabel } from '../../../lib/format';

/**
 * What was retired (rooms someone had used, and the buildings they were in), building by
 * building, to restore. Restoring a room brings its building back too (server rule).
 */
export function RetiredRooms(props: { communityId: number }) {
  const retired = useRetiredRooms(props.communityId, true);
  if (retired.loading && !retired.data) return <Loading />;
  if (retired.error) return <ErrorState error={retired.error} onRetry={retired.reload} admin />;
  const rooms = retired.data ?? [];
  if (rooms.length === 0) return <Empty id="retired-empty" text="没有停用的楼栋或房屋" />;
  const byBuilding = new Map<number, HouseholdAdmin[]>();
  for (const r of rooms) byBuilding.set(r.buildingId, [...(byBuilding.get(r.buildingId) ?? []), r]);
  return (
    <View id="retired-list">
      <Text className="t-body t-block">
        停用的房屋不再让居民选择，已加入的居民不受影响。恢复以后又可以选了；整栋停用的楼，恢复其中一户楼栋也会回来。
      </Text>
      {[...byBuilding.entries()].map(([buildingId, items]) => (
        <RetiredBuilding
          key={buildingId}
          communityId={props.communityId}
          rooms={items}
          onRestored={() => void retired.reload()}
        />
      ))}
    </View>
  );
}

function RetiredBuilding(props: { communityId: number; rooms: HouseholdAdmin[]; onRestored: () => void }) {
  const [busy, setBusy] = useState(false);
  const first = props.rooms[0];
  const restore = async (rooms: HouseholdAdmin[]) => {
    setBusy(true);
    try {
      // One by one: the contract restores a room at a time (its building with it).
      for (const r of rooms) await restoreRoom(props.communityId, r.id);
      void Taro.showToast({ title: `已恢复${rooms.length}户`, icon: 'none' });
      props.onRestored();
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="item gap-top" id={`retired-building-${first.buildingId}`}>
      <View className="row row--between">
        <Text className="item-title grow">{first.buildingName}</Text>
        <Button
          id={`retired-restore-all-${first.buildingId}`}
          className="btn btn--primary btn--small"
          disabled={busy || undefined}
          onClick={() => void restore(props.rooms)}
        >
          全部恢复
        </Button>
      </View>
      {props.rooms.map((r) => (
        <View key={r.id} className="room-row" id={`retired-room-${r.id}`}>
          <Text className="t-body grow">{roomLabel(r)}</Text>
          <Button
            id={`retired-restore-${r.id}`}
            className="btn btn--plain btn--small"
            disabled={busy || undefined}
            onClick={() => void restore([r])}
          >
            恢复
          </Button>
        </View>
      ))}
    </View>
  );
}
