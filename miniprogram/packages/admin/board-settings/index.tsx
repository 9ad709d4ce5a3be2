import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { type BoardSettings, putBoardSettings } from '../../../../shared/contracts/moderation';
import {
  type MatterCategory,
  type MatterRoute,
  matterCategories,
  matterCategoryLabels,
  matterRouteLabels,
  matterRoutes,
} from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Field, FormError } from '../../../components/Form';
import { ErrorState, Loading } from '../../../components/StateView';
import { saveBoardSettings, useBoardSettings } from '../../../hooks/moderation';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { checkWith } from '../../../lib/validation';

export default function AdminBoardSettings() {
  return (
    <AdminShell id="admin-board-settings" section="board-settings">
      {(communityId) => <Settings communityId={communityId} />}
    </AdminShell>
  );
}

type Key = 'reportThreshold' | 'secCheckDailyLimit' | 'matterRoutes';

function Settings({ communityId }: { communityId: number }) {
  const settings = useBoardSettings(communityId);
  const [threshold, setThreshold] = useState('');
  const [limit, setLimit] = useState('');
  const [routes, setRoutes] = useState<Partial<Record<MatterCategory, MatterRoute>>>({});
  const saving = useSubmit<Key>();

  useEffect(() => {
    if (!settings.data) return;
    setThreshold(String(settings.data.reportThreshold));
    setLimit(String(settings.data.secCheckDailyLimit));
    setRoutes(settings.data.matterRoutes);
  }, [settings.data]);

  if (settings.loading && !settings.data) return <Loading />;
  if (settings.error) return <ErrorState error={settings.error} onRetry={settings.reload} admin />;

  const save = async () => {
    const checked = checkWith<BoardSettings, Key>(putBoardSettings.body, {
      reportThreshold: Number(threshold),
      secCheckDailyLimit: Number(limit),
      matterRoutes: routes,
    });
    saving.setFieldErrors(checked.errors);
    if (!checked.body) return;
    const body = checked.body;
    const saved = await saving.submit(() => saveBoardSettings(communityId, body));
    if (saved) {
      settings.setData(saved);
      void Taro.showToast({ title: '已保存', icon: 'none' });
    }
  };

  return (
    <View className="card" id="board-settings">
      <Field
        id="settings-threshold"
        label="几位居民举报后自动隐藏"
        type="number"
        value={threshold}
        onChange={setThreshold}
        maxlength={2}
        error={saving.fieldErrors.reportThreshold}
        hint="1到50人，一般3人"
      />
      <Field
        id="settings-limit"
        label="每天最多自动检查几次内容"
        type="number"
        value={limit}
        onChange={setLimit}
        maxlength={6}
        error={saving.fieldErrors.secCheckDailyLimit}
        hint="超过后新内容等工作人员审核"
      />
      <Text className="field-label gap-top">小事快办交给谁办</Text>
      {matterCategories.map((c) => (
        <View key={c} className="row row--between gap-top" id={`settings-route-${c}`}>
          <Text className="t-body grow">{matterCategoryLabels[c]}</Text>
          <View className="chips">
            {matterRoutes.map((r) => (
              <View
                key={r}
                id={`settings-route-${c}-${r}`}
                className={cx('chip', (routes[c] ?? 'committee') === r && 'chip--on')}
                onClick={() => setRoutes((prev) => ({ ...prev, [c]: r }))}
              >
                {matterRouteLabels[r]}
              </View>
            ))}
          </View>
        </View>
      ))}
      <FormError id="settings-form-error" message={saving.formError} retry={saving.retry} />
      <Button
        id="settings-save"
        className="btn btn--primary btn--block gap-top"
        disabled={saving.busy || undefined}
        onClick={() => void save()}
      >
        {saving.busy ? '正在保存…' : '保存'}
      </Button>
    </View>
  );
}
