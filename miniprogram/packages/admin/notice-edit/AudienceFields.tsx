import { Switch, Text, View } from '@tarojs/components';
import { Check, Chips, Field } from '../../../components/Form';
import { colors } from '../../../lib/tokens';
import type { FieldErrors } from '../../../lib/validation';
import type { NoticeField, NoticeForm } from './form';

const audienceOptions = [
  { value: 'all' as const, label: '全社区', id: 'audience-all' },
  { value: 'buildings' as const, label: '选择楼栋', id: 'audience-buildings' },
];

/** Who may read it (公开), whom it is for (全社区 or chosen buildings), and how long it stays on top or valid. */
export function AudienceFields(props: {
  form: NoticeForm;
  set: <K extends keyof NoticeForm>(key: K, value: NoticeForm[K]) => void;
  errors: FieldErrors<NoticeField>;
  buildings: { id: number; name: string }[];
  loadingBuildings: boolean;
}) {
  const { form, set, errors, buildings } = props;
  return (
    <View className="card">
      <View className="switch-row">
        <View className="grow">
          <Text className="t-body t-block">所有人可见</Text>
          <Text className="t-small t-block" id="notice-public-state">
            {form.isPublic ? '所有人可见：不是本社区的人打开链接也能看（适合紧急通知、公示）' : '仅本社区居民可见'}
          </Text>
        </View>
        <Switch
          id="notice-public-switch"
          className="switch-big"
          aria-label="所有人可见"
          nativeProps={{ role: 'switch', 'aria-label': '所有人可见' }}
          checked={form.isPublic}
          color={colors.primary}
          onChange={(e) => set('isPublic', e.detail.value)}
        />
      </View>
      <View className="field gap-top">
        <Text className="field-label">发给谁</Text>
        <Chips options={audienceOptions} value={form.audience} onChange={(v) => set('audience', v)} />
        {form.audience === 'buildings' ? (
          <View className="notice-buildings" id="notice-buildings">
            {props.loadingBuildings ? <Text className="t-body">正在加载楼栋…</Text> : null}
            {buildings.map((b) => (
              <Check
                key={b.id}
                id={`notice-building-${b.id}`}
                checked={form.buildingIds.includes(b.id)}
                onChange={(on) =>
                  set('buildingIds', on ? [...form.buildingIds, b.id] : form.buildingIds.filter((x) => x !== b.id))
                }
              >
                {b.name}
              </Check>
            ))}
          </View>
        ) : null}
        {errors.buildingIds ? (
          <Text className="field-error" id="notice-buildingIds-error">
            {errors.buildingIds}
          </Text>
        ) : null}
      </View>
      <Field
        id="notice-pin"
        label="置顶到哪天（可不填）"
        value={form.pinDate}
        onChange={(v) => set('pinDate', v)}
        placeholder="例如：2026-12-05"
        maxlength={10}
        hint="到这天结束前排在最上面"
        error={errors.pinnedUntil}
      />
      <Field
        id="notice-expiry"
        label="有效到哪天（可不填）"
        value={form.expiryDate}
        onChange={(v) => set('expiryDate', v)}
        placeholder="例如：2026-12-31"
        maxlength={10}
        hint="过了这天显示“已过期”"
        error={errors.expiresAt}
      />
    </View>
  );
}
