import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { type CommitteeCard, updateCommittee } from '../../../../shared/contracts/committees';
import { weekdayLabels } from '../../../../shared/domain/office-hours';
import { api } from '../../../api/client';
import { AdminShell } from '../../../components/AdminShell';
import { Field } from '../../../components/Form';
import { ErrorState, Loading } from '../../../components/StateView';
import { useCommitteeCard } from '../../../hooks/committees';
import { cx } from '../../../lib/format';
import { exceptionsToText, parseOfficeHours, weeklyToTexts } from '../../../lib/office-hours-text';
import { go, routes } from '../../../lib/routes';
import { chineseOr, optionalNumber } from '../../../lib/validation';
import { LocationField } from './LocationField';

export default function AdminCard() {
  return (
    <AdminShell id="admin-card" section="card">
      {(communityId) => <Editor communityId={communityId} />}
    </AdminShell>
  );
}

interface StaffRow {
  key: number;
  name: string;
  title: string;
  phone: string;
  dutyWeekdays: number[];
}

interface FormState {
  name: string;
  address: string;
  phone: string;
  lat: string;
  lng: string;
  intro: string;
  weekly: string[];
  exceptions: string;
  staff: StaffRow[];
}

let rowKey = 0;

function fromCard(c: CommitteeCard): FormState {
  return {
    name: c.name,
    address: c.address,
    phone: c.phone ?? '',
    lat: c.lat === null ? '' : String(c.lat),
    lng: c.lng === null ? '' : String(c.lng),
    intro: c.intro,
    weekly: weeklyToTexts(c.officeHours),
    exceptions: exceptionsToText(c.officeHours),
    staff: c.staff.map((s) => ({
      key: ++rowKey,
      name: s.name,
      title: s.title,
      phone: s.phone ?? '',
      dutyWeekdays: s.dutyWeekdays,
    })),
  };
}

type Errors = Record<string, string>;

const fieldMessages: Record<string, string> = {
  name: '名称要2到40个字',
  address: '地址要2到120个字',
  phone: '电话格式不对',
  lat: '纬度要在-90到90之间',
  lng: '经度要在-180到180之间',
  intro: '介绍最多2000字',
  officeHours: '办公时间填得不对',
  staff: '值班人员最多30人',
  'staff.name': '请填写姓名',
  'staff.title': '请填写职务',
  'staff.phone': '电话格式不对',
  'staff.dutyWeekdays': '值班日不对',
};

function Editor({ communityId }: { communityId: number }) {
  const card = useCommitteeCard(communityId);
  const [form, setForm] = useState<FormState | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (card.data) setForm(fromCard(card.data));
  }, [card.data]);

  if (card.loading && !form) return <Loading />;
  if (card.error) return <ErrorState error={card.error} onRetry={card.reload} admin />;
  if (!form) return null;

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm({ ...form, [key]: value });
  const setStaff = (key: number, patch: Partial<StaffRow>) =>
    set(
      'staff',
      form.staff.map((s) => (s.key === key ? { ...s, ...patch } : s)),
    );

  const save = async () => {
    const next: Errors = {};
    const parsed = parseOfficeHours(form.weekly, form.exceptions);
    for (const e of parsed.errors) {
      if (e.weekday) next[`weekly-${e.weekday}`] = e.message;
      else next.exceptions = next.exceptions ?? e.message;
    }
    const body = {
      name: form.name,
      address: form.address,
      phone: form.phone.trim() || null,
      lat: optionalNumber(form.lat),
      lng: optionalNumber(form.lng),
      intro: form.intro,
      officeHours: parsed.hours ?? { weekly: [], exceptions: [] },
      staff: form.staff.map((s) => ({
        name: s.name,
        title: s.title,
        phone: s.phone.trim() || null,
        dutyWeekdays: s.dutyWeekdays,
      })),
    };
    if ((body.lat === null) !== (body.lng === null)) next.lat = '经度和纬度要一起填';
    // The server's own schema, so the editor and the API agree on every limit.
    const result = (updateCommittee.body as z.ZodType).safeParse(body);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const [field, index, sub] = issue.path.map(String);
        const key = field === 'staff' ? `staff-${index}-${sub}` : field;
        const message = chineseOr(
          issue.message,
          fieldMessages[field === 'staff' ? `staff.${sub}` : field] ?? '这一项填得不对',
        );
        next[key] = next[key] ?? message;
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      void Taro.showToast({ title: '有内容没填好，请看红字提示', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const updated = await api(updateCommittee, { params: { communityId }, body });
      card.setData(updated);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch {
      // toast shown
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="admin-columns" id="card-editor">
      <View className="admin-main">
        <View className="card">
          <Text className="t-title t-block">基本信息</Text>
          <Field
            id="edit-name"
            label="居委名称"
            value={form.name}
            onChange={(v) => set('name', v)}
            maxlength={40}
            error={errors.name}
          />
          <Field
            id="edit-address"
            label="地址"
            value={form.address}
            onChange={(v) => set('address', v)}
            maxlength={120}
            error={errors.address}
          />
          <Field
            id="edit-phone"
            label="电话"
            value={form.phone}
            onChange={(v) => set('phone', v)}
            maxlength={20}
            error={errors.phone}
            hint="例如 021-12345678"
          />
          <LocationField
            lat={form.lat}
            lng={form.lng}
            onChange={(lat, lng) => setForm({ ...form, lat, lng })}
            errors={{ lat: errors.lat, lng: errors.lng }}
          />
          <Field
            id="edit-intro"
            label="居委介绍"
            value={form.intro}
            onChange={(v) => set('intro', v)}
            multiline
            maxlength={2000}
            error={errors.intro}
          />
        </View>

        <View className="card">
          <Text className="t-title t-block">办公时间</Text>
          <Text className="t-small t-block">每天写几段时间，例如 08:30-11:30 13:30-17:00；不写就是休息。</Text>
          {form.weekly.map((text, i) => (
            <Field
              key={weekdayLabels[i + 1]}
              id={`hours-${i + 1}`}
              label={weekdayLabels[i + 1]}
              value={text}
              placeholder="休息"
              onChange={(v) =>
                set(
                  'weekly',
                  form.weekly.map((t, j) => (j === i ? v : t)),
                )
              }
              error={errors[`weekly-${i + 1}`]}
            />
          ))}
          <Field
            id="edit-exceptions"
            label="节假日和调休"
            multiline
            value={form.exceptions}
            onChange={(v) => set('exceptions', v)}
            placeholder={'一行一天，例如：\n2025-10-01 休息 国庆节\n2025-09-28 08:30-17:00 调休上班'}
            error={errors.exceptions ?? errors.officeHours}
          />
        </View>
      </View>

      <View className="admin-side">
        <View className="card" id="card-staff-editor">
          <Text className="t-title t-block">值班人员</Text>
          {form.staff.map((s, i) => (
            <View key={s.key} className="staff-row" id={`staff-row-${i}`}>
              <Field
                id={`staff-name-${i}`}
                label="姓名"
                value={s.name}
                onChange={(v) => setStaff(s.key, { name: v })}
                maxlength={20}
                error={errors[`staff-${i}-name`]}
              />
              <Field
                id={`staff-title-${i}`}
                label="职务"
                value={s.title}
                onChange={(v) => setStaff(s.key, { title: v })}
                maxlength={20}
                error={errors[`staff-${i}-title`]}
              />
              <Field
                id={`staff-phone-${i}`}
                label="公开的电话（可以不填）"
                value={s.phone}
                onChange={(v) => setStaff(s.key, { phone: v })}
                maxlength={20}
                error={errors[`staff-${i}-phone`]}
              />
              <Text className="field-label">值班日</Text>
              <View className="chips">
                {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                  <View
                    key={d}
                    id={`staff-${i}-day-${d}`}
                    className={cx('chip chip--day', s.dutyWeekdays.includes(d) && 'chip--on')}
                    onClick={() =>
                      setStaff(s.key, {
                        dutyWeekdays: s.dutyWeekdays.includes(d)
                          ? s.dutyWeekdays.filter((x) => x !== d)
                          : [...s.dutyWeekdays, d].sort(),
                      })
                    }
                  >
                    {weekdayLabels[d]}
                  </View>
                ))}
              </View>
              <Button
                id={`staff-remove-${i}`}
                className="btn btn--danger btn--small gap-top"
                onClick={() =>
                  set(
                    'staff',
                    form.staff.filter((x) => x.key !== s.key),
                  )
                }
              >
                删除这个人
              </Button>
            </View>
          ))}
          <Button
            id="staff-add"
            className="btn btn--plain btn--block gap-top"
            onClick={() =>
              set('staff', [...form.staff, { key: ++rowKey, name: '', title: '', phone: '', dutyWeekdays: [] }])
            }
          >
            添加值班人员
          </Button>
        </View>

        <Button
          id="edit-save"
          className="btn btn--primary btn--block"
          disabled={saving || undefined}
          onClick={() => void save()}
        >
          {saving ? '正在保存…' : '保存'}
        </Button>
        <Button
          id="edit-preview"
          className="btn btn--plain btn--block"
          onClick={() => go(routes.committeeCard(communityId))}
        >
          看看居民看到的样子
        </Button>
      </View>
    </View>
  );
}
