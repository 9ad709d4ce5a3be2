import { Button, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { createHousehold, type HouseholdAdmin, updateHousehold } from '../../../../shared/contracts/households';
import { naturalCompare } from '../../../../shared/domain/natural-order';
import { Field } from '../../../components/Form';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { addRoom, editRoom, restoreRoom, retireRoom, useBuildingRooms } from '../../../hooks/households-admin';
import { cx, roomLabel } from '../../../lib/format';
import { colors } from '../../../lib/tokens';
import { checkWith, type FieldErrors, optionalNumber } from '../../../lib/validation';

/** Rooms shown at a time: a building of a big estate has a few hundred. */
const PAGE = 50;

type RoomField = 'unit' | 'room' | 'floorArea' | 'ownerKey';
interface RoomForm {
  unit: string;
  room: string;
  area: string;
  /** 业主编号 (法释〔2009〕7号 art. 9): rooms with one key count as one owner by head. */
  ownerKey: string;
  /** 开发商未售房: all of them count as one owner by head. */
  developerUnit: boolean;
}

const emptyRoom: RoomForm = { unit: '', room: '', area: '', ownerKey: '', developerUnit: false };

const roomOrder = (a: HouseholdAdmin, b: HouseholdAdmin) =>
  naturalCompare(a.unit, b.unit) || naturalCompare(a.room, b.room);

export function Rooms(props: { communityId: number; building: { id: number; name: string }; onChanged: () => void }) {
  const rooms = useBuildingRooms(props.communityId, props.building.id);
  const [shown, setShown] = useState(PAGE);
  const items = [...(rooms.data ?? [])].sort(roomOrder);
  const replace = (next: HouseholdAdmin) =>
    rooms.setData((prev) => prev?.map((r) => (r.id === next.id ? next : r)) ?? null);
  const changed = () => {
    void rooms.reload();
    props.onChanged();
  };

  return (
    <View id="rooms">
      <Text className="section-title" id="rooms-title">
        {props.building.name}的房屋
      </Text>
      <AddRoom communityId={props.communityId} buildingId={props.building.id} onAdded={changed} />
      {rooms.loading && !rooms.data ? (
        <Loading />
      ) : rooms.error ? (
        <ErrorState error={rooms.error} onRetry={rooms.reload} admin />
      ) : items.length === 0 ? (
        <Empty id="rooms-empty" text="这栋楼还没有房屋" />
      ) : (
        <View className="room-list" id="room-list">
          {items.slice(0, shown).map((r) => (
            <RoomRow key={r.id} communityId={props.communityId} room={r} onSaved={replace} onRemoved={changed} />
          ))}
          {items.length > shown ? (
            <Button
              id="rooms-more"
              className="btn btn--plain btn--block gap-top"
              onClick={() => setShown(shown + PAGE)}
            >
              再显示{Math.min(PAGE, items.length - shown)}户（共{items.length}户）
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}

function checkRoom(schema: unknown, form: RoomForm, extra: Record<string, unknown> = {}) {
  return checkWith<
    { unit: string; room: string; floorArea: number | null; ownerKey: string | null; developerUnit: boolean },
    RoomField
  >(
    schema,
    {
      ...extra,
      unit: form.unit,
      room: form.room,
      floorArea: optionalNumber(form.area),
      ownerKey: form.ownerKey.trim() || null,
      developerUnit: form.developerUnit,
    },
    { floorArea: '面积请填数字，例如 89.5' },
  );
}

function RoomFields(props: {
  id: string;
  form: RoomForm;
  errors: FieldErrors<RoomField>;
  onChange: (f: RoomForm) => void;
}) {
  const { form, errors } = props;
  return (
    <View>
      <Field
        id={`${props.id}-unit`}
        label="单元"
        value={form.unit}
        onChange={(unit) => props.onChange({ ...form, unit })}
        placeholder="例如：1单元"
        error={errors.unit}
      />
      <Field
        id={`${props.id}-room`}
        label="室号"
        value={form.room}
        onChange={(room) => props.onChange({ ...form, room })}
        placeholder="例如：302"
        error={errors.room}
      />
      <Field
        id={`${props.id}-area`}
        label="建筑面积（平方米，可以不填）"
        type="digit"
        value={form.area}
        onChange={(area) => props.onChange({ ...form, area })}
        error={errors.floorArea}
      />
      <Field
        id={`${props.id}-owner-key`}
        label="业主编号（同一业主多套房填同一编号）"
        value={form.ownerKey}
        onChange={(ownerKey) => props.onChange({ ...form, ownerKey })}
        placeholder="可以不填，例如：A-001"
        error={errors.ownerKey}
      />
      <View className="switch-row">
        <View className="grow">
          <Text className="t-body t-block">开发商未售房</Text>
          <Text className="t-small t-block" id={`${props.id}-developer-state`}>
            {form.developerUnit ? '是：开发商的房屋在业主投票时合起来算一人' : '否'}
          </Text>
        </View>
        <Switch
          id={`${props.id}-developer`}
          className="switch-big"
          aria-label="开发商未售房"
          nativeProps={{ role: 'switch', 'aria-label': '开发商未售房' }}
          checked={form.developerUnit}
          color={colors.primary}
          onChange={(e) => props.onChange({ ...form, developerUnit: e.detail.value })}
        />
      </View>
    </View>
  );
}

function AddRoom(props: { communityId: number; buildingId: number; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<RoomForm>(emptyRoom);
  const [errors, setErrors] = useState<FieldErrors<RoomField>>({});
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <Button id="room-add" className="btn btn--plain btn--block" onClick={() => setOpen(true)}>
        添加一户
      </Button>
    );
  }
  const submit = async () => {
    const checked = checkRoom(createHousehold.body, form, { buildingId: props.buildingId });
    setErrors(checked.errors);
    if (!checked.body) return;
    setBusy(true);
    try {
      await addRoom(props.communityId, { ...checked.body, buildingId: props.buildingId });
      void Taro.showToast({ title: '已添加', icon: 'none' });
      setForm({ ...emptyRoom, unit: form.unit });
      props.onAdded();
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="room-add-form" id="room-add-form">
      <RoomFields id="room-add" form={form} errors={errors} onChange={setForm} />
      <View className="btn-row">
        <Button
          id="room-add-submit"
          className="btn btn--primary btn--small"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          添加
        </Button>
        <Button className="btn btn--plain btn--small" onClick={() => setOpen(false)}>
          收起
        </Button>
      </View>
    </View>
  );
}

const retireRoomText = (label: string) =>
  `停用「${label}」：如果从来没有人登记过这一户，会直接删除；有人登记过就改为“已停用”，已加入的居民仍然留在社区里，只是以后不能再选这一户申请加入或发邀请码。确定吗？`;

function RoomRow(props: {
  communityId: number;
  room: HouseholdAdmin;
  onSaved: (r: HouseholdAdmin) => void;
  onRemoved: () => void;
}) {
  const r = props.room;
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<RoomForm>({
    unit: r.unit,
    room: r.room,
    area: r.floorArea?.toString() ?? '',
    ownerKey: r.ownerKey ?? '',
    developerUnit: r.developerUnit,
  });
  const [errors, setErrors] = useState<FieldErrors<RoomField>>({});
  const [busy, setBusy] = useState(false);
  const label = roomLabel(r);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    const checked = checkRoom(updateHousehold.body, form);
    setErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    void run(async () => {
      props.onSaved(await editRoom(props.communityId, r.id, body));
      setEditing(false);
      void Taro.showToast({ title: '已保存', icon: 'none' });
    });
  };
  const retire = async () => {
    const { confirm } = await Taro.showModal({
      title: '停用这一户',
      content: retireRoomText(label),
      confirmText: '停用',
    });
    if (!confirm) return;
    void run(async () => {
      const result = await retireRoom(props.communityId, r.id);
      void Taro.showToast({
        title: result.outcome === 'deleted' ? '已删除' : `已停用，${result.liveMembers}位居民仍在社区`,
        icon: 'none',
      });
      props.onRemoved();
    });
  };
  const restore = () =>
    run(async () => {
      props.onSaved(await restoreRoom(props.communityId, r.id));
      void Taro.showToast({ title: '已恢复', icon: 'none' });
    });

  return (
    <View className={cx('room-row', r.retiredAt && 'room-row--retired')} id={`room-${r.id}`}>
      <View className="grow">
        <Text className="t-body t-block" id={`room-label-${r.id}`}>
          {label}
          {r.floorArea !== null ? ` · ${r.floorArea}平方米` : ''}
        </Text>
        {r.ownerKey ? (
          <Text className="t-small t-block" id={`room-owner-${r.id}`}>
            业主编号 {r.ownerKey}
          </Text>
        ) : null}
        {r.developerUnit ? (
          <Text className="tag" id={`room-developer-${r.id}`}>
            开发商未售
          </Text>
        ) : null}
        {r.retiredAt ? <Text className="tag tag--off">已停用</Text> : null}
      </View>
      {editing ? (
        <View className="grow">
          <RoomFields id={`room-edit-${r.id}`} form={form} errors={errors} onChange={setForm} />
          <View className="btn-row">
            <Button
              id={`room-save-${r.id}`}
              className="btn btn--primary btn--small"
              disabled={busy || undefined}
              onClick={save}
            >
              保存
            </Button>
            <Button className="btn btn--plain btn--small" onClick={() => setEditing(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="btn-row">
          <Button id={`room-edit-${r.id}`} className="btn btn--plain btn--small" onClick={() => setEditing(true)}>
            修改
          </Button>
          {r.retiredAt ? (
            <Button
              id={`room-restore-${r.id}`}
              className="btn btn--primary btn--small"
              disabled={busy || undefined}
              onClick={() => void restore()}
            >
              恢复
            </Button>
          ) : (
            <Button
              id={`room-retire-${r.id}`}
              className="btn btn--danger btn--small"
              disabled={busy || undefined}
              onClick={() => void retire()}
            >
              停用
            </Button>
          )}
        </View>
      )}
    </View>
  );
}
