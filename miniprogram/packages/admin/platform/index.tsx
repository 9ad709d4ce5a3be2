import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import type { z } from 'zod';
import type { staffAccount } from '../../../../shared/contracts/admin';
import type { CommitteeCard, districtSchema, streetSchema } from '../../../../shared/contracts/committees';
import { useSession } from '../../../api/session';
import { AdminShell } from '../../../components/AdminShell';
import { Chips, Field, FormError } from '../../../components/Form';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import {
  addCommunity,
  addDistrict,
  addStaff,
  addStreet,
  chooseAdminCommunity,
  disableStaffAccount,
  setStaffPassword,
  useAdminCommunity,
  useStaffAccounts,
} from '../../../hooks/admin';
import { useDistricts } from '../../../hooks/committees';
import { useSubmit } from '../../../hooks/useSubmit';
import { go, routes } from '../../../lib/routes';
import { AppointDialog } from './AppointDialog';
import {
  type CommunityField,
  type CommunityForm,
  checkCommunity,
  checkDistrict,
  checkNewPassword,
  checkStaff,
  checkStreet,
  type DistrictField,
  type FieldErrors,
  type StaffField,
  type StreetField,
} from './validation';
import './index.css';

type District = z.infer<typeof districtSchema>;
type Street = z.infer<typeof streetSchema>;
type StaffAccount = z.infer<typeof staffAccount>;

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });
const NOT_FILLED = '有内容没填好，请看红字提示';

/**
 * 街镇管理: the platform admin adds districts and streets, creates committees, creates staff
 * accounts and appoints them as moderators. Staff pages are for any staff; this one for admins only.
 */
export default function AdminPlatform() {
  return (
    <AdminShell id="admin-platform" section="platform" needsCommunity={false}>
      {() => <PlatformGate />}
    </AdminShell>
  );
}

function PlatformGate() {
  const admin = useAdminCommunity();
  if (!admin.isAdmin) {
    return (
      <View className="state" id="platform-denied">
        <Text className="state-text t-body">
          这个页面只有街镇（平台）管理员能用。您的账号没有这个权限，如需新建居委或任命管理员，请联系街镇管理员。
        </Text>
        <Button id="platform-go-dashboard" className="btn btn--primary" onClick={() => go(routes.adminDashboard)}>
          回到工作台
        </Button>
      </View>
    );
  }
  return <Platform />;
}

function Platform() {
  const districts = useDistricts();
  const staff = useStaffAccounts();
  const [appointing, setAppointing] = useState<StaffAccount | null>(null);
  usePullDownRefresh(() => {
    void Promise.all([districts.reload(), staff.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const addedStreet = (districtId: number, street: Street) =>
    districts.setData((prev) =>
      (prev ?? []).map((d) => (d.id === districtId ? { ...d, streets: [...d.streets, street] } : d)),
    );

  return (
    <View>
      <Text className="section-title">区和街镇</Text>
      <View className="admin-columns" id="platform-districts">
        <View className="admin-side">
          <DistrictForm onAdded={(d) => districts.setData((prev) => [...(prev ?? []), d])} />
          <StreetForm districts={districts.data ?? []} onAdded={addedStreet} />
        </View>
        <View className="admin-main">
          {districts.loading && !districts.data ? (
            <Loading id="districts-loading" />
          ) : districts.error ? (
            <ErrorState id="districts-error" error={districts.error} onRetry={districts.reload} admin />
          ) : !districts.data?.length ? (
            <Empty id="districts-empty" text="还没有区，请先在左边添加" />
          ) : (
            <View className="admin-list" id="district-list">
              {districts.data.map((d) => (
                <View key={d.id} className="item district-item" id={`district-item-${d.id}`}>
                  <Text className="item-title t-block">{d.name}</Text>
                  {d.streets.length ? (
                    <View className="platform-tags">
                      {d.streets.map((s) => (
                        <Text key={s.id} className="tag tag--info">
                          {s.name}
                        </Text>
                      ))}
                    </View>
                  ) : (
                    <Text className="item-line t-small">还没有街镇</Text>
                  )}
                </View>
              ))}
            </View>
          )}
        </View>
      </View>

      <Text className="section-title">新建居委会</Text>
      {districts.loading && !districts.data ? (
        <Loading id="community-loading" />
      ) : (
        <NewCommunity districts={districts.data ?? []} />
      )}

      <Text className="section-title">工作人员账号</Text>
      <View className="admin-columns" id="platform-staff">
        <View className="admin-side">
          <StaffForm
            onCreated={(account) =>
              staff.setData((prev) =>
                [...(prev ?? []).filter((a) => a.id !== account.id), account].sort((a, b) =>
                  a.username < b.username ? -1 : 1,
                ),
              )
            }
          />
        </View>
        <View className="admin-main">
          {staff.loading && !staff.data ? (
            <Loading id="staff-loading" />
          ) : staff.error ? (
            <ErrorState id="staff-error" error={staff.error} onRetry={staff.reload} admin />
          ) : !staff.data?.length ? (
            <Empty id="staff-empty" text="还没有工作人员账号" />
          ) : (
            <View className="admin-list" id="staff-list">
              {staff.data.map((a) => (
                <StaffItem
                  key={a.id}
                  account={a}
                  onAppoint={() => setAppointing(a)}
                  onChanged={(changed) =>
                    staff.setData((prev) => (prev ?? []).map((x) => (x.id === changed.id ? changed : x)))
                  }
                />
              ))}
            </View>
          )}
        </View>
      </View>

      {appointing ? (
        <AppointDialog
          account={appointing}
          onClose={() => setAppointing(null)}
          onAppointed={(community) => {
            staff.setData((prev) =>
              (prev ?? []).map((a) =>
                a.id === appointing.id
                  ? { ...a, communities: [...a.communities.filter((c) => c.id !== community.id), community] }
                  : a,
              ),
            );
            setAppointing(null);
          }}
        />
      ) : null}
    </View>
  );
}

/* ---------- 区 and 街镇 ---------- */

function DistrictForm(props: { onAdded: (d: District) => void }) {
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors: FieldErrors<DistrictField> = tried ? checkDistrict({ name }).errors : {};

  const submit = async () => {
    setTried(true);
    const { body } = checkDistrict({ name });
    if (!body) return;
    setBusy(true);
    try {
      const district = await addDistrict(body);
      props.onAdded(district);
      setName('');
      setTried(false);
      toast(`已添加：${district.name}`);
    } catch {
      // the api client showed the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="district-form">
      <Text className="t-title t-block">添加区</Text>
      <View className="gap-top">
        <Field
          id="district-name"
          label="区的名称"
          value={name}
          onChange={setName}
          placeholder="例如：黄浦区"
          maxlength={20}
          error={errors.name}
        />
      </View>
      <Button
        id="district-submit"
        className="btn btn--primary btn--block"
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在添加…' : '添加区'}
      </Button>
    </View>
  );
}

function StreetForm(props: { districts: District[]; onAdded: (districtId: number, street: Street) => void }) {
  const [districtId, setDistrictId] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  // With a single district there is nothing to choose.
  const chosen = districtId ?? (props.districts.length === 1 ? props.districts[0].id : null);
  const errors: FieldErrors<StreetField> = tried ? checkStreet({ districtId: chosen, name }).errors : {};

  const submit = async () => {
    setTried(true);
    const { body } = checkStreet({ districtId: chosen, name });
    if (!body) return;
    setBusy(true);
    try {
      const street = await addStreet(body);
      props.onAdded(body.districtId, street);
      setName('');
      setTried(false);
      toast(`已添加街镇：${street.name}`);
    } catch {
      // the api client showed the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="street-form">
      <Text className="t-title t-block">添加街镇</Text>
      <Text className="field-label gap-top">属于哪个区</Text>
      {props.districts.length ? (
        <Chips
          options={props.districts.map((d) => ({ value: d.id, label: d.name, id: `street-district-${d.id}` }))}
          value={chosen}
          onChange={setDistrictId}
        />
      ) : (
        <Text className="t-small t-block">请先添加区</Text>
      )}
      {errors.districtId ? (
        <Text className="field-error" id="street-district-error">
          {errors.districtId}
        </Text>
      ) : null}
      <View className="gap-top">
        <Field
          id="street-name"
          label="街镇的名称"
          value={name}
          onChange={setName}
          placeholder="例如：南京东路街道"
          maxlength={20}
          error={errors.name}
        />
      </View>
      <Button
        id="street-submit"
        className="btn btn--primary btn--block"
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在添加…' : '添加街镇'}
      </Button>
    </View>
  );
}

/* ---------- 居委会 ---------- */

const emptyCommunity: CommunityForm = {
  streetId: null,
  name: '',
  address: '',
  phone: '',
  lat: '',
  lng: '',
  intro: '',
};

function NewCommunity(props: { districts: District[] }) {
  const [form, setForm] = useState<CommunityForm>(emptyCommunity);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CommitteeCard | null>(null);
  const errors: FieldErrors<CommunityField> = tried ? checkCommunity(form).errors : {};
  const set = <K extends keyof CommunityForm>(key: K, value: CommunityForm[K]) =>
    setForm((prev) => ({ ...prev, [key]: value }));
  const withStreets = props.districts.filter((d) => d.streets.length > 0);

  const submit = async () => {
    setTried(true);
    const { body } = checkCommunity(form);
    if (!body) {
      toast(NOT_FILLED);
      return;
    }
    setBusy(true);
    try {
      const card = await addCommunity(body);
      setCreated(card);
      // The next committee is likely in the same street: keep it chosen.
      setForm({ ...emptyCommunity, streetId: form.streetId });
      setTried(false);
      toast(`已新建：${card.name}`);
    } catch {
      // the api client showed the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="admin-columns" id="community-form">
      <View className="admin-side">
        <View className="card" id="community-street">
          <Text className="t-title t-block">在哪个街镇</Text>
          {withStreets.length === 0 ? (
            <Text className="t-small t-block gap-top" id="community-no-streets">
              还没有街镇，请先在上面添加区和街镇。
            </Text>
          ) : (
            withStreets.map((d) => (
              <View key={d.id}>
                <Text className="t-small platform-group-label">{d.name}</Text>
                <Chips
                  options={d.streets.map((s) => ({ value: s.id, label: s.name, id: `community-street-${s.id}` }))}
                  value={form.streetId}
                  onChange={(id) => set('streetId', id)}
                />
              </View>
            ))
          )}
          {errors.streetId ? (
            <Text className="field-error" id="community-street-error">
              {errors.streetId}
            </Text>
          ) : null}
        </View>
      </View>

      <View className="admin-main">
        <View className="card">
          <Field
            id="community-name"
            label="居委会名称"
            value={form.name}
            onChange={(v) => set('name', v)}
            placeholder="例如：梧桐里居委会"
            maxlength={40}
            error={errors.name}
          />
          <Field
            id="community-address"
            label="办公地址"
            value={form.address}
            onChange={(v) => set('address', v)}
            placeholder="例如：梧桐路12号"
            maxlength={120}
            error={errors.address}
          />
          <Field
            id="community-phone"
            label="电话（可以不填）"
            value={form.phone}
            onChange={(v) => set('phone', v)}
            maxlength={20}
            hint="例如 021-12345678"
            error={errors.phone}
          />
          <View className="row">
            <View className="grow">
              <Field
                id="community-lat"
                label="纬度（可以不填）"
                type="digit"
                value={form.lat}
                onChange={(v) => set('lat', v)}
                error={errors.lat}
              />
            </View>
            <View className="grow platform-lng">
              <Field
                id="community-lng"
                label="经度（可以不填）"
                type="digit"
                value={form.lng}
                onChange={(v) => set('lng', v)}
                error={errors.lng}
              />
            </View>
          </View>
          <Field
            id="community-intro"
            label="居委介绍（可以不填）"
            value={form.intro}
            onChange={(v) => set('intro', v)}
            multiline
            maxlength={2000}
            error={errors.intro}
          />
          <Text className="t-small t-block">
            办公时间先按周一到周五 8:30–11:30、13:30–17:00 设置，新建后可以在居委名片里改。
          </Text>
          <Button
            id="community-submit"
            className="btn btn--primary btn--block gap-top"
            disabled={busy || undefined}
            onClick={() => void submit()}
          >
            {busy ? '正在新建…' : '新建居委会'}
          </Button>
        </View>

        {created ? (
          <View className="card" id="community-created">
            <Text className="t-body t-block t-ok">已新建</Text>
            <Text className="t-hero t-block" id="community-created-name">
              {created.name}
            </Text>
            <Text className="t-small t-block">
              {created.districtName} · {created.streetName} · {created.address}
            </Text>
            <Text className="t-small t-block gap-top">下一步：在下面「工作人员账号」里任命这个居委的管理员。</Text>
            <View className="btn-row gap-top">
              <Button
                id="community-open-editor"
                className="btn btn--primary"
                onClick={() => {
                  // The card editor works on the chosen community; an admin may choose any.
                  chooseAdminCommunity(created.id);
                  go(routes.adminCard);
                }}
              >
                编辑居委名片
              </Button>
              <Button
                id="community-open-card"
                className="btn btn--plain"
                onClick={() => go(routes.committeeCard(created.id))}
              >
                看居民看到的名片
              </Button>
            </View>
          </View>
        ) : null}
      </View>
    </View>
  );
}

/* ---------- 工作人员 ---------- */

function StaffForm(props: { onCreated: (account: StaffAccount) => void }) {
  const [form, setForm] = useState({ username: '', password: '', displayName: '' });
  const [tried, setTried] = useState(false);
  // A taken username is the server's to know: it shows next to the field, not only in a toast.
  const sending = useSubmit<StaffField>({ fields: { USERNAME_TAKEN: 'username' } });
  const busy = sending.busy;
  const errors: FieldErrors<StaffField> = { ...sending.fieldErrors, ...(tried ? checkStaff(form).errors : {}) };
  const set = (key: keyof typeof form, value: string) => {
    setForm((prev) => ({ ...prev, [key]: value }));
    if (sending.fieldErrors[key]) sending.setFieldErrors({});
  };

  const submit = async () => {
    setTried(true);
    const { body } = checkStaff(form);
    if (!body) {
      toast(NOT_FILLED);
      return;
    }
    const account = await sending.submit(() => addStaff(body));
    if (!account) return;
    props.onCreated(account);
    setForm({ username: '', password: '', displayName: '' });
    setTried(false);
    toast(`已建好账号：${account.username}`);
  };

  return (
    <View className="card" id="staff-form">
      <Text className="t-title t-block">新建工作人员账号</Text>
      <Text className="t-small t-block">建好后把用户名和密码当面告诉本人，再任命他管理哪个社区。</Text>
      <View className="gap-top">
        <Field
          id="staff-username"
          label="用户名"
          value={form.username}
          onChange={(v) => set('username', v)}
          placeholder="例如：wutongli.wang"
          maxlength={32}
          hint="小写字母、数字和 _ . -，3到32位"
          error={errors.username}
        />
        <Field
          id="staff-password"
          label="密码"
          password
          value={form.password}
          onChange={(v) => set('password', v)}
          maxlength={128}
          hint="至少10位"
          error={errors.password}
        />
        <Field
          id="staff-display-name"
          label="姓名"
          value={form.displayName}
          onChange={(v) => set('displayName', v)}
          placeholder="例如：王主任"
          maxlength={20}
          error={errors.displayName}
        />
      </View>
      <FormError id="staff-form-error" message={sending.formError} retry={sending.retry} />
      <Button
        id="staff-submit"
        className="btn btn--primary btn--block"
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在新建…' : '新建账号'}
      </Button>
    </View>
  );
}

function StaffItem(props: { account: StaffAccount; onAppoint: () => void; onChanged: (a: StaffAccount) => void }) {
  const a = props.account;
  const session = useSession();
  const self = session.me?.user.id === a.id;
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const who = a.displayName || a.username;

  const disable = async () => {
    const { confirm } = await Taro.showModal({
      title: '停用账号',
      content: `停用后「${who}」不能再登录，正在用的设备也会退出。以后可以重设密码再启用。确定停用吗？`,
      confirmText: '停用',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      props.onChanged(await disableStaffAccount(a.id));
      void Taro.showToast({ title: '已停用', icon: 'none' });
    } catch {
      // The client has shown the server's message.
    } finally {
      setBusy(false);
    }
  };

  const savePassword = async () => {
    // The contract's rule: 10 to 128 visible characters, kept exactly as typed.
    const checked = checkNewPassword(password ?? '');
    if (!checked.body) {
      setError(checked.errors.password ?? '密码要10到128位');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      props.onChanged(await setStaffPassword(a.id, checked.body.password));
      setPassword(null);
      void Taro.showToast({ title: '新密码已生效，请当面告诉本人', icon: 'none', duration: 2500 });
    } catch {
      // The client has shown the server's message.
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="item staff-item" id={`staff-item-${a.id}`}>
      <View className="row row--between">
        <Text className="item-title grow">{who}</Text>
        {a.isAdmin ? <Text className="tag tag--warn">平台管理员</Text> : null}
        {a.disabled ? (
          <Text className="tag tag--off" id={`staff-disabled-${a.id}`}>
            已停用
          </Text>
        ) : null}
      </View>
      <Text className="item-line t-small">用户名：{a.username}</Text>
      <Text className="item-line t-body" id={`staff-communities-${a.id}`}>
        {a.communities.length ? communitiesLine(a.communities) : '还没有分配社区'}
      </Text>
      <Button id={`appoint-${a.id}`} className="btn btn--plain btn--small gap-top" onClick={props.onAppoint}>
        任命为社区管理员
      </Button>
      {password === null ? (
        <View className="row gap-top">
          <Button
            id={`staff-password-${a.id}`}
            className="btn btn--plain btn--small"
            disabled={busy || undefined}
            onClick={() => setPassword('')}
          >
            {a.disabled ? '重设密码并启用' : '重设密码'}
          </Button>
          {a.disabled || self ? null : (
            <Button
              id={`staff-disable-${a.id}`}
              className="btn btn--danger btn--small"
              disabled={busy || undefined}
              onClick={() => void disable()}
            >
              停用账号
            </Button>
          )}
        </View>
      ) : (
        <View className="gap-top">
          <Field
            id={`staff-new-password-${a.id}`}
            label="新密码（至少10位）"
            value={password}
            password
            maxlength={128}
            error={error}
            onChange={setPassword}
          />
          <View className="row">
            <Button
              id={`staff-password-save-${a.id}`}
              className="btn btn--primary btn--small"
              disabled={busy || undefined}
              onClick={() => void savePassword()}
            >
              保存新密码
            </Button>
            <Button className="btn btn--plain btn--small" onClick={() => setPassword(null)}>
              取消
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

/** 管理：甲居委会；物业：乙居委会 — which communities the account works for, and as what. */
function communitiesLine(list: StaffAccount['communities']): string {
  const names = (role: 'moderator' | 'handler') =>
    list
      .filter((c) => c.role === role)
      .map((c) => c.name)
      .join('、');
  const parts = [names('moderator') && `管理：${names('moderator')}`, names('handler') && `物业：${names('handler')}`];
  return parts.filter(Boolean).join('；');
}
