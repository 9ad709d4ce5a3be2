import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Chips } from '../../../components/Form';
import { type MergeClash, mergeBuildingInto } from '../../../hooks/households-admin';
import { roomLabel } from '../../../lib/format';
import type { Building } from './Buildings';

/**
 * 合并: every room of this building moves into the chosen one, which keeps its name. The
 * server refuses when both have the same unit and room, and lists those rooms: shown here.
 */
export function MergeForm(props: {
  communityId: number;
  building: Building;
  others: Building[];
  onDone: (changed: boolean) => void;
}) {
  const [into, setInto] = useState<number | null>(null);
  const [clashes, setClashes] = useState<MergeClash[]>([]);
  const [busy, setBusy] = useState(false);
  const id = props.building.id;
  const target = props.others.find((o) => o.id === into);
  const merge = async () => {
    if (!target) return;
    const { confirm } = await Taro.showModal({
      title: '合并楼栋',
      content: `把「${props.building.name}」的${props.building.households}户都移到「${target.name}」，然后删掉「${props.building.name}」。已加入的居民跟着房屋一起移过去。确定吗？`,
      confirmText: '合并',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      const result = await mergeBuildingInto(props.communityId, id, target.id);
      if (result.ok) {
        void Taro.showToast({ title: `已合并，移过去${result.moved}户`, icon: 'none' });
        props.onDone(true);
        return;
      }
      setClashes(result.clashes);
    } catch {
      // toast shown
    }
    setBusy(false);
  };
  return (
    <View className="gap-top" id={`building-merge-form-${id}`}>
      <Text className="field-label">把「{props.building.name}」并入哪一栋？</Text>
      <Chips
        options={props.others.map((o) => ({ value: o.id, label: o.name, id: `merge-into-${id}-${o.id}` }))}
        value={into}
        onChange={(v) => {
          setInto(v);
          setClashes([]);
        }}
      />
      {clashes.length > 0 ? (
        <View className="clash-list" id={`merge-clashes-${id}`}>
          <Text className="t-body t-danger t-block">
            不能合并：下面这些房屋两栋楼都有。请先把其中一栋的这些房屋改号或停用，再合并。
          </Text>
          {clashes.map((c) => (
            <Text key={`${c.unit}-${c.room}`} className="t-body t-block">
              {roomLabel(c)}
            </Text>
          ))}
        </View>
      ) : null}
      <View className="btn-row gap-top">
        <Button
          id={`building-merge-confirm-${id}`}
          className="btn btn--primary btn--small"
          disabled={busy || !target || undefined}
          onClick={() => void merge()}
        >
          合并
        </Button>
        <Button className="btn btn--plain btn--small" onClick={() => props.onDone(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}
