import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { createRentalPoint } from '../../../../shared/contracts/rentals';
import type { BodyOf } from '../../../../shared/contracts/route';
import { rentalCategoryLabels } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Field, FormError } from '../../../components/Form';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import {
  editPoint,
  newPoint,
  type StaffItem,
  type StaffPoint,
  useRentalItems,
  useRentalPoints,
} from '../../../hooks/rentals-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';

/** 器具库存: the community's service points and, under each, its item types with units by status. */
export default function AdminRentalStock() {
  return (
    <AdminShell id="admin-rental-stock" section="rental-stock">
      {(communityId) => <Stock communityId={communityId} />}
    </AdminShell>
  );
}

function Stock({ communityId }: { communityId: number }) {
  const points = useRentalPoints(communityId);
  const items = useRentalItems(communityId);
  const [editing, setEditing] = useState<StaffPoint | 'new' | null>(null);
  const reload = () => Promise.all([points.reload(), items.reload()]);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  if ((points.loading && !points.data) || (items.loading && !items.data)) return <Loading />;
  if (points.error) return <ErrorState error={points.error} onRetry={points.reload} admin />;
  if (items.error) return <ErrorState error={items.error} onRetry={items.reload} admin />;
  const list = points.data?.items ?? [];
  return (
    <View id="rental-stock">
      <View className="btn-row">
        <Button id="stock-point-new" className="btn btn--primary" onClick={() => setEditing('new')}>
          新建服务点
        </Button>
      </View>
      {editing ? (
        <PointForm
          communityId={communityId}
          point={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            void points.reload();
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {list.length === 0 ? <Empty id="stock-empty" text="还没有服务点，先新建一个" /> : null}
      {list.map((p) => (
        <View key={p.id} className="card gap-top" id={`stock-point-${p.id}`}>
          <View className="row row--between">
            <Text className="t-title grow">
              {p.name}
              {p.archived ? '（已停用）' : ''}
            </Text>
            <Button id={`stock-point-${p.id}-edit`} className="btn btn--plain btn--small" onClick={() => setEditing(p)}>
              修改
            </Button>
          </View>
          <Text className="t-small t-block">
            {p.address} · {p.hours} · {p.phone}
            {p.delivers ? ' · 可送货上门' : ''}
          </Text>
          <Text className="t-small t-block">服务：{p.communities.map((c) => c.name).join('、')}</Text>
          <View className="admin-list gap-top">
            {(items.data?.items ?? [])
              .filter((i) => i.pointId === p.id)
              .map((i) => (
                <ItemCard key={i.id} item={i} />
              ))}
          </View>
          <Button
            id={`stock-point-${p.id}-item-new`}
            className="btn btn--plain gap-top"
            onClick={() => go(`${routes.adminRentalItem()}?pointId=${p.id}`)}
          >
            添加器具类型
          </Button>
        </View>
      ))}
    </View>
  );
}

function ItemCard({ item: i }: { item: StaffItem }) {
  return (
    <View className="item" id={`stock-item-${i.id}`} onClick={() => go(routes.adminRentalItem(i.id))}>
      <View className="row row--between">
        <Text className="item-title grow">
          {i.name}
          {i.hidden ? '（已隐藏）' : ''}
        </Text>
        <Text className="tag">{rentalCategoryLabels[i.category]}</Text>
      </View>
      <Text className="item-line t-body" id={`stock-item-${i.id}-units`}>
        在库{i.byStatus.in_stock} · 借出{i.byStatus.on_loan} · 维修{i.byStatus.maintenance} · 报废{i.byStatus.retired}
      </Text>
      <Text className={cx('item-line t-small', (i.pending > 0 || i.waiting > 0) && 't-danger')}>
        {i.feeText} · 待确认{i.pending} · 排队{i.waiting}
      </Text>
    </View>
  );
}

type PointKey = 'name' | 'address' | 'hours' | 'phone' | 'delivers';

function PointForm(props: { communityId: number; point: StaffPoint | null; onDone: () => void; onClose: () => void }) {
  const p = props.point;
  const [name, setName] = useState(p?.name ?? '');
  const [address, setAddress] = useState(p?.address ?? '');
  const [hours, setHours] = useState(p?.hours ?? '');
  const [phone, setPhone] = useState(p?.phone ?? '');
  const [delivers, setDelivers] = useState(p?.delivers ?? false);
  const [archived, setArchived] = useState(p?.archived ?? false);
  const sending = useSubmit<PointKey>();
  const send = async () => {
    const checked = checkWith<BodyOf<typeof createRentalPoint>, PointKey>(createRentalPoint.body, {
      name,
      address,
      hours,
      phone,
      delivers,
    });
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const ok = await sending.submit(() =>
      p ? editPoint(props.communityId, p.id, { ...body, archived }) : newPoint(props.communityId, body),
    );
    if (ok) props.onDone();
  };
  const e = sending.fieldErrors;
  return (
    <View className="card gap-top" id="point-form">
      <Text className="section-title">{p ? '修改服务点' : '新建服务点'}</Text>
      <Field id="point-name" label="名称" value={name} onChange={setName} maxlength={40} error={e.name} />
      <Field id="point-address" label="地址" value={address} onChange={setAddress} maxlength={100} error={e.address} />
      <Field
        id="point-hours"
        label="开放时间"
        value={hours}
        onChange={setHours}
        placeholder="例如：周一至周五 9:00-17:00"
        maxlength={60}
        error={e.hours}
      />
      <Field id="point-phone" label="电话" value={phone} onChange={setPhone} maxlength={20} error={e.phone} />
      <View className="row row--between field">
        <Text className="t-body">送货上门</Text>
        <Switch id="point-delivers" checked={delivers} onChange={(ev) => setDelivers(ev.detail.value)} />
      </View>
      {p ? (
        <View className="row row--between field">
          <Text className="t-body">停用这个服务点</Text>
          <Switch id="point-archived" checked={archived} onChange={(ev) => setArchived(ev.detail.value)} />
        </View>
      ) : null}
      <FormError id="point-form-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="point-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在保存…' : '保存'}
        </Button>
        <Button id="point-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
