import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { createRentalItemType, createRentalUnits, updateRentalItemType } from '../../../../shared/contracts/rentals';
import type { BodyOf } from '../../../../shared/contracts/route';
import type { UploadReply } from '../../../../shared/contracts/uploads';
import {
  type RentalCategory,
  type RentalEligibility,
  type RentalFeeKind,
  rentalBookingStatusLabels,
  rentalCategories,
  rentalCategoryLabels,
  rentalConditionLabels,
  rentalEligibilities,
  rentalEligibilityLabels,
  rentalFeeKindLabels,
  rentalFeeKinds,
  rentalUnitStatusLabels,
} from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Photos } from '../../../components/agora/Photos';
import { Check, Field, FormError } from '../../../components/Form';
import { fenToInput, parseYuan } from '../../../components/rentals-admin/money';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import {
  addUnits,
  editItem,
  newItem,
  type StaffItem,
  useRentalItems,
  useRentalPoints,
  useRentalUnits,
} from '../../../hooks/rentals-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import { checkWith, optionalNumber } from '../../../lib/validation';
import '../../../components/agora/agora.css';

/** 器具类型: create or change an item type (fee rule, deposit, subsidy, limits); its units and 入库. */
export default function AdminRentalItem() {
  const params = useRouter().params;
  const id = intParam(params.id);
  const pointId = intParam(params.pointId);
  return (
    <AdminShell id="admin-rental-item" section="rental-stock">
      {(communityId) =>
        id === null ? (
          <NewItem communityId={communityId} pointId={pointId} />
        ) : (
          <EditItem communityId={communityId} id={id} />
        )
      }
    </AdminShell>
  );
}

function NewItem(props: { communityId: number; pointId: number | null }) {
  const points = useRentalPoints(props.communityId);
  if (points.loading && !points.data) return <Loading />;
  if (points.error) return <ErrorState error={points.error} onRetry={points.reload} admin />;
  return (
    <ItemForm
      communityId={props.communityId}
      item={null}
      points={(points.data?.items ?? []).filter((p) => !p.archived)}
      pointId={props.pointId}
      onSaved={(saved) => void Taro.redirectTo({ url: routes.adminRentalItem(saved.id) })}
    />
  );
}

function EditItem(props: { communityId: number; id: number }) {
  const items = useRentalItems(props.communityId);
  const [version, setVersion] = useState(0);
  if (items.loading && !items.data) return <Loading />;
  if (items.error) return <ErrorState error={items.error} onRetry={items.reload} admin />;
  const item = items.data?.items.find((i) => i.id === props.id);
  if (!item) return <Text className="state-text t-body">找不到这个器具类型</Text>;
  return (
    <View>
      <ItemForm
        key={version}
        communityId={props.communityId}
        item={item}
        points={[]}
        pointId={item.pointId}
        onSaved={(saved) => {
          items.setData({ items: (items.data?.items ?? []).map((i) => (i.id === saved.id ? saved : i)) });
          setVersion((n) => n + 1);
        }}
      />
      <Units communityId={props.communityId} item={item} onAdded={() => void items.reload()} />
    </View>
  );
}

type ItemKey =
  | 'pointId'
  | 'category'
  | 'name'
  | 'specs'
  | 'suitableFor'
  | 'feeKind'
  | 'feeFen'
  | 'periodDays'
  | 'depositFen'
  | 'subsidyPercent'
  | 'subsidyFor'
  | 'maxDays'
  | 'perHousehold'
  | 'selfService'
  | 'bufferDays'
  | 'delivery'
  | 'uploadIds';

const num = (text: string) => optionalNumber(text) ?? undefined;

function ItemForm(props: {
  communityId: number;
  item: StaffItem | null;
  points: { id: number; name: string }[];
  pointId: number | null;
  onSaved: (item: StaffItem) => void;
}) {
  const it = props.item;
  const [pointId, setPointId] = useState<number | null>(props.pointId ?? props.points[0]?.id ?? null);
  const [category, setCategory] = useState<RentalCategory | null>(it?.category ?? null);
  const [name, setName] = useState(it?.name ?? '');
  const [specs, setSpecs] = useState(it?.specs ?? '');
  const [suitableFor, setSuitableFor] = useState(it?.suitableFor ?? '');
  const [photos, setPhotos] = useState<UploadReply[]>(
    (it?.photos ?? []).map(
      (p) => ({ id: p.uploadId, urls: { display: p.url, thumbnail: p.url, original: null } }) as unknown as UploadReply,
    ),
  );
  const [feeKind, setFeeKind] = useState<RentalFeeKind | null>(it?.feeKind ?? null);
  const [fee, setFee] = useState(it ? fenToInput(it.feeFen) : '0');
  const [periodDays, setPeriodDays] = useState(it?.periodDays ? String(it.periodDays) : '180');
  const [deposit, setDeposit] = useState(it ? fenToInput(it.depositFen) : '0');
  const [subsidyPercent, setSubsidyPercent] = useState(String(it?.subsidyPercent ?? 0));
  const [subsidyFor, setSubsidyFor] = useState<RentalEligibility[]>(it?.subsidyFor ?? []);
  const [maxDays, setMaxDays] = useState(String(it?.maxDays ?? 30));
  const [perHousehold, setPerHousehold] = useState(String(it?.perHousehold ?? 1));
  const [selfService, setSelfService] = useState(it?.selfService ?? false);
  const [bufferDays, setBufferDays] = useState(String(it?.bufferDays ?? 1));
  const [delivery, setDelivery] = useState(it?.delivery ?? false);
  const [hidden, setHidden] = useState(it?.hidden ?? false);
  const sending = useSubmit<ItemKey>();

  const send = async () => {
    const extra: Partial<Record<ItemKey, string>> = {};
    const f = feeKind === 'free' && fee.trim() === '' ? { fen: 0 } : parseYuan(fee, '租金');
    const d = deposit.trim() === '' ? { fen: 0 } : parseYuan(deposit, '押金');
    if ('error' in f) extra.feeFen = f.error;
    if ('error' in d) extra.depositFen = d.error;
    const terms = {
      category: category ?? undefined,
      name,
      ...(specs.trim() ? { specs } : {}),
      ...(suitableFor.trim() ? { suitableFor } : {}),
      feeKind: feeKind ?? undefined,
      feeFen: 'fen' in f ? f.fen : 0,
      ...(feeKind === 'per_period' ? { periodDays: num(periodDays) } : {}),
      depositFen: 'fen' in d ? d.fen : 0,
      subsidyPercent: num(subsidyPercent) ?? 0,
      subsidyFor,
      maxDays: num(maxDays),
      perHousehold: num(perHousehold),
      selfService,
      bufferDays: num(bufferDays),
      delivery,
      uploadIds: photos.map((p) => p.id),
    };
    const fallback = { category: '请选择器具类别', feeKind: '请选择收费方式', pointId: '请选择服务点' };
    if (it) {
      const checked = checkWith<BodyOf<typeof updateRentalItemType>, ItemKey>(
        updateRentalItemType.body,
        { ...terms, hidden },
        { fallback, extra },
      );
      sending.setFieldErrors(checked.errors);
      const body = checked.body;
      if (!body) return;
      const saved = await sending.submit(() => editItem(props.communityId, it.id, body));
      if (saved) props.onSaved(saved);
    } else {
      const checked = checkWith<BodyOf<typeof createRentalItemType>, ItemKey>(
        createRentalItemType.body,
        { ...terms, pointId: pointId ?? 0 },
        { fallback, extra, override: pointId ? {} : { pointId: '请选择服务点' } },
      );
      sending.setFieldErrors(checked.errors);
      const body = checked.body;
      if (!body) return;
      const saved = await sending.submit(() => newItem(props.communityId, body));
      if (saved) props.onSaved(saved);
    }
  };
  const e = sending.fieldErrors;
  const error = (key: ItemKey) =>
    e[key] ? (
      <Text className="field-error" id={`item-${key}-error`}>
        {e[key]}
      </Text>
    ) : null;

  return (
    <View className="card" id="item-form">
      <Text className="section-title">{it ? `修改：${it.name}` : '添加器具类型'}</Text>
      {it ? null : (
        <View className="field">
          <Text className="field-label">服务点</Text>
          <View className="chips" id="item-points">
            {props.points.map((p) => (
              <View
                key={p.id}
                id={`item-point-${p.id}`}
                className={cx('chip', pointId === p.id && 'chip--on')}
                onClick={() => setPointId(p.id)}
              >
                {p.name}
              </View>
            ))}
          </View>
          {error('pointId')}
        </View>
      )}
      <View className="field">
        <Text className="field-label">类别</Text>
        <View className="chips" id="item-categories">
          {rentalCategories.map((c) => (
            <View
              key={c}
              id={`item-category-${c}`}
              className={cx('chip', category === c && 'chip--on')}
              onClick={() => setCategory(c)}
            >
              {rentalCategoryLabels[c]}
            </View>
          ))}
        </View>
        {error('category')}
      </View>
      <Field id="item-name" label="名称" value={name} onChange={setName} maxlength={30} error={e.name} />
      <Field
        id="item-specs"
        label="规格（可不填）"
        value={specs}
        onChange={setSpecs}
        multiline
        maxlength={300}
        error={e.specs}
      />
      <Field
        id="item-suitable"
        label="适合谁（可不填）"
        value={suitableFor}
        onChange={setSuitableFor}
        multiline
        maxlength={100}
        placeholder="例如：能自己坐稳、需要家人推行的老人"
        error={e.suitableFor}
      />
      <Photos
        id="item-photos"
        communityId={props.communityId}
        label="照片"
        max={9}
        value={photos}
        onChange={setPhotos}
        error={e.uploadIds}
      />
      <View className="field">
        <Text className="field-label">收费方式</Text>
        <View className="chips" id="item-fee-kinds">
          {rentalFeeKinds.map((k) => (
            <View
              key={k}
              id={`item-fee-${k}`}
              className={cx('chip', feeKind === k && 'chip--on')}
              onClick={() => setFeeKind(k)}
            >
              {rentalFeeKindLabels[k]}
            </View>
          ))}
        </View>
        {error('feeKind')}
      </View>
      {feeKind === 'per_period' ? (
        <Field
          id="item-period-days"
          label="每期天数"
          value={periodDays}
          onChange={setPeriodDays}
          type="number"
          hint="例如：半年填180"
          error={e.periodDays}
        />
      ) : null}
      {feeKind && feeKind !== 'free' ? (
        <Field
          id="item-fee"
          label={feeKind === 'per_day' ? '每天租金（元）' : '每期租金（元）'}
          value={fee}
          onChange={setFee}
          type="digit"
          error={e.feeFen}
        />
      ) : null}
      <Field
        id="item-deposit"
        label="押金（元）"
        value={deposit}
        onChange={setDeposit}
        type="digit"
        error={e.depositFen}
      />
      <Field
        id="item-subsidy-percent"
        label="补贴比例（%）"
        value={subsidyPercent}
        onChange={setSubsidyPercent}
        type="number"
        error={e.subsidyPercent}
      />
      <View className="field" id="item-subsidy-for">
        <Text className="field-label">补贴对象</Text>
        {rentalEligibilities.map((x) => (
          <Check
            key={x}
            id={`item-subsidy-${x}`}
            checked={subsidyFor.includes(x)}
            onChange={(on) => setSubsidyFor((prev) => (on ? [...prev, x] : prev.filter((y) => y !== x)))}
          >
            {rentalEligibilityLabels[x]}
          </Check>
        ))}
        {error('subsidyFor')}
      </View>
      <Field
        id="item-max-days"
        label="最长借用天数"
        value={maxDays}
        onChange={setMaxDays}
        type="number"
        error={e.maxDays}
      />
      <Field
        id="item-per-household"
        label="每户最多借几件"
        value={perHousehold}
        onChange={setPerHousehold}
        type="number"
        error={e.perHousehold}
      />
      <Field
        id="item-buffer-days"
        label="归还后清洁天数"
        value={bufferDays}
        onChange={setBufferDays}
        type="number"
        error={e.bufferDays}
      />
      <View className="row row--between field">
        <Text className="t-body">居民自助预约（不用居委确认）</Text>
        <Switch id="item-self-service" checked={selfService} onChange={(ev) => setSelfService(ev.detail.value)} />
      </View>
      <View className="row row--between field">
        <Text className="t-body">可送货上门</Text>
        <Switch id="item-delivery" checked={delivery} onChange={(ev) => setDelivery(ev.detail.value)} />
      </View>
      {it ? (
        <View className="row row--between field">
          <Text className="t-body">隐藏（居民看不到）</Text>
          <Switch id="item-hidden" checked={hidden} onChange={(ev) => setHidden(ev.detail.value)} />
        </View>
      ) : null}
      <FormError id="item-form-error" message={sending.formError} retry={sending.retry} />
      <Button
        id="item-send"
        className="btn btn--primary btn--block gap-top"
        disabled={sending.busy || undefined}
        onClick={() => void send()}
      >
        {sending.busy ? '正在保存…' : '保存'}
      </Button>
    </View>
  );
}

function Units(props: { communityId: number; item: StaffItem; onAdded: () => void }) {
  const units = useRentalUnits(props.communityId, props.item.id);
  const [tags, setTags] = useState('');
  const sending = useSubmit<'assetTags'>({ fields: { DUPLICATE: 'assetTags' } });
  const add = async () => {
    const list = tags
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean);
    const checked = checkWith<BodyOf<typeof createRentalUnits>, 'assetTags'>(createRentalUnits.body, {
      itemTypeId: props.item.id,
      assetTags: list,
    });
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const added = await sending.submit(() => addUnits(props.communityId, body));
    if (added) {
      setTags('');
      void units.reload();
      props.onAdded();
    }
  };
  return (
    <View className="card gap-top" id="item-units">
      <Text className="section-title">每一件（{units.data?.items.length ?? 0}）</Text>
      {units.loading && !units.data ? <Loading /> : null}
      {units.error ? <ErrorState error={units.error} onRetry={units.reload} admin /> : null}
      {units.data && units.data.items.length === 0 ? <Empty text="还没有入库" /> : null}
      <View className="admin-list">
        {(units.data?.items ?? []).map((u) => (
          <View key={u.id} className="item" id={`unit-${u.id}`} onClick={() => go(routes.adminRentalUnit(u.id))}>
            <View className="row row--between">
              <Text className="item-title grow">{u.assetTag}</Text>
              <Text
                className={cx('tag', u.status === 'maintenance' && 'tag--warn', u.status === 'retired' && 'tag--off')}
              >
                {rentalUnitStatusLabels[u.status]}
              </Text>
            </View>
            <Text className="item-line t-small">
              {rentalConditionLabels[u.condition]}
              {u.currentBooking
                ? ` · ${rentalBookingStatusLabels[u.currentBooking.status]} ${u.currentBooking.startOn} 至 ${u.currentBooking.endOn}`
                : ''}
            </Text>
          </View>
        ))}
      </View>
      <Field
        id="units-tags"
        label="入库：资产编号，一行一个"
        value={tags}
        onChange={setTags}
        multiline
        maxlength={6200}
        placeholder={'LY-001\nLY-002'}
        error={sending.fieldErrors.assetTags}
      />
      <FormError id="units-form-error" message={sending.formError} retry={sending.retry} />
      <Button
        id="units-add"
        className="btn btn--primary"
        disabled={sending.busy || undefined}
        onClick={() => void add()}
      >
        {sending.busy ? '正在入库…' : '入库'}
      </Button>
    </View>
  );
}
