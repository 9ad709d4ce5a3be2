import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { z } from 'zod';
import { type buildingSchema, createBuilding, renameBuilding } from '../../../../shared/contracts/households';
import { naturalCompare } from '../../../../shared/domain/natural-order';
import { Field } from '../../../components/Form';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { addBuilding, renameBuildingTo, retireBuilding, useAdminBuildings } from '../../../hooks/households-admin';
import { cx } from '../../../lib/format';
import { checkWith } from '../../../lib/validation';
import { MergeForm } from './MergeForm';
import { Rooms } from './Rooms';

export type Building = z.infer<typeof buildingSchema>;

/** The buildings with their room counts; the one opened shows its rooms under it. */
export function Buildings(props: { communityId: number }) {
  const list = useAdminBuildings(props.communityId);
  const [openId, setOpenId] = useState<number | null>(null);
  // Imported names sort as text on the server ("10号楼" before "2号楼"): put them in house order.
  const buildings = [...(list.data ?? [])].sort((x, y) => naturalCompare(x.name, y.name));
  const changed = () => void list.reload();

  return (
    <View>
      <AddBuilding communityId={props.communityId} onAdded={changed} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} admin />
      ) : buildings.length === 0 ? (
        <Empty id="admin-buildings-empty" text="还没有楼栋。可以在上面添加，或者用「导入住户名单」一次导入。" />
      ) : (
        <View id="building-list">
          <Text className="t-body t-block gap-top" id="buildings-total">
            共{buildings.length}栋楼，{buildings.reduce((n, b) => n + b.households, 0)}户
          </Text>
          {buildings.map((b) => (
            <BuildingItem
              key={b.id}
              communityId={props.communityId}
              building={b}
              others={buildings.filter((o) => o.id !== b.id)}
              open={b.id === openId}
              onOpen={() => setOpenId(b.id === openId ? null : b.id)}
              onChanged={changed}
            />
          ))}
        </View>
      )}
    </View>
  );
}

function AddBuilding(props: { communityId: number; onAdded: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const checked = checkWith<{ name: string }, 'name'>(createBuilding.body, { name });
    if (!checked.body) return setError(checked.errors.name ?? '请填写楼栋名称');
    setError(null);
    setBusy(true);
    try {
      await addBuilding(props.communityId, checked.body.name);
      void Taro.showToast({ title: '已添加', icon: 'none' });
      setName('');
      props.onAdded();
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card building-add" id="building-add">
      <View className="grow">
        <Field
          id="building-name"
          label="添加楼栋"
          value={name}
          onChange={setName}
          placeholder="例如：12号楼"
          error={error}
        />
      </View>
      <Button
        id="building-add-submit"
        className="btn btn--primary building-add-submit"
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        添加
      </Button>
    </View>
  );
}

const retireText = (name: string) =>
  `停用「${name}」后：没有人登记过的房屋直接删除；有居民登记过的房屋改为“已停用”，已加入的居民仍然留在社区里，只是以后不能再选这些房屋申请加入或发邀请码。整栋楼都没人登记过时，楼栋也一起删除。停用的可以在「已停用的」里恢复。确定吗？`;

function BuildingItem(props: {
  communityId: number;
  building: Building;
  others: Building[];
  open: boolean;
  onOpen: () => void;
  onChanged: () => void;
}) {
  const b = props.building;
  const [mode, setMode] = useState<'idle' | 'rename' | 'merge'>('idle');
  const [busy, setBusy] = useState(false);

  const retire = async () => {
    const { confirm } = await Taro.showModal({ title: '停用楼栋', content: retireText(b.name), confirmText: '停用' });
    if (!confirm) return;
    setBusy(true);
    try {
      const r = await retireBuilding(props.communityId, b.id);
      // Said in a dialog, not a toast: how many rooms went which way is worth reading.
      const content =
        r.outcome === 'deleted'
          ? `「${b.name}」没有人登记过，已经删除（${r.householdsDeleted}户）。`
          : `「${b.name}」已停用：${r.householdsRetired}户停用，${r.householdsDeleted}户没人登记过已删除。${r.liveMembers}位居民仍在社区里。`;
      void Taro.showModal({ title: '已完成', content, showCancel: false, confirmText: '知道了' });
      props.onChanged();
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={cx('item', props.open && 'building-item--open')} id={`building-${b.id}`}>
      <View className="building-head">
        <View className="building-title row" onClick={props.onOpen}>
          <Text className="item-title grow" id={`building-name-${b.id}`}>
            {b.name}
          </Text>
          <Text className="t-body building-count" id={`building-count-${b.id}`}>
            {b.households}户
          </Text>
        </View>
        {mode === 'idle' ? (
          <View className="btn-row building-actions">
            <Button id={`building-open-${b.id}`} className="btn btn--primary btn--small" onClick={props.onOpen}>
              {props.open ? '收起' : '查看'}
            </Button>
            <Button
              id={`building-rename-${b.id}`}
              className="btn btn--plain btn--small"
              onClick={() => setMode('rename')}
            >
              改名
            </Button>
            {props.others.length > 0 ? (
              <Button
                id={`building-merge-${b.id}`}
                className="btn btn--plain btn--small"
                onClick={() => setMode('merge')}
              >
                合并
              </Button>
            ) : null}
            <Button
              id={`building-retire-${b.id}`}
              className="btn btn--danger btn--small"
              disabled={busy || undefined}
              onClick={() => void retire()}
            >
              停用
            </Button>
          </View>
        ) : mode === 'rename' ? (
          <RenameForm
            communityId={props.communityId}
            building={b}
            onDone={(changed) => {
              setMode('idle');
              if (changed) props.onChanged();
            }}
          />
        ) : (
          <MergeForm
            communityId={props.communityId}
            building={b}
            others={props.others}
            onDone={(changed) => {
              setMode('idle');
              if (changed) props.onChanged();
            }}
          />
        )}
      </View>
      {props.open ? <Rooms communityId={props.communityId} building={b} onChanged={props.onChanged} /> : null}
    </View>
  );
}

function RenameForm(props: { communityId: number; building: Building; onDone: (changed: boolean) => void }) {
  const [name, setName] = useState(props.building.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const checked = checkWith<{ name: string }, 'name'>(renameBuilding.body, { name });
    if (!checked.body) return setError(checked.errors.name ?? '请填写楼栋名称');
    setBusy(true);
    try {
      await renameBuildingTo(props.communityId, props.building.id, checked.body.name);
      void Taro.showToast({ title: '已改名', icon: 'none' });
      props.onDone(true);
    } catch {
      setBusy(false);
    }
  };
  const id = props.building.id;
  return (
    <View className="gap-top">
      <Field id={`building-rename-name-${id}`} label="新的楼栋名称" value={name} onChange={setName} error={error} />
      <View className="btn-row">
        <Button
          id={`building-rename-save-${id}`}
          className="btn btn--primary btn--small"
          disabled={busy || undefined}
          onClick={() => void save()}
        >
          保存
        </Button>
        <Button className="btn btn--plain btn--small" onClick={() => props.onDone(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}
