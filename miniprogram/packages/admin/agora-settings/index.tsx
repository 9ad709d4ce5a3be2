import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { BodyOf } from '../../../../shared/contracts/route';
import { updateAgoraSettings } from '../../../../shared/contracts/topics';
import { AdminShell } from '../../../components/AdminShell';
import { Check, Field, FormError } from '../../../components/Form';
import { ErrorState, Loading } from '../../../components/StateView';
import { saveAgoraSettings, useAgoraSettings } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { checkWith, optionalNumber } from '../../../lib/validation';
import '../../../components/agora/agora.css';

export default function AdminAgoraSettings() {
  return (
    <AdminShell id="admin-agora-settings" section="agora-settings">
      {(communityId) => <Settings communityId={communityId} />}
    </AdminShell>
  );
}

type Key = 'cosignThreshold' | 'cosignDays' | 'ratingDays' | 'silentMajority' | 'silentMajorityBasis';

function Settings({ communityId }: { communityId: number }) {
  const settings = useAgoraSettings(communityId);
  const [threshold, setThreshold] = useState('');
  const [cosignDays, setCosignDays] = useState('');
  const [ratingDays, setRatingDays] = useState('');
  const [silent, setSilent] = useState(false);
  const [basis, setBasis] = useState('');
  const saving = useSubmit<Key>();

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setThreshold(s.cosignThreshold === null ? '' : String(s.cosignThreshold));
    setCosignDays(String(s.cosignDays));
    setRatingDays(String(s.ratingDays));
    setSilent(s.silentMajority);
    setBasis(s.silentMajorityBasis ?? '');
  }, [settings.data]);

  if (settings.loading && !settings.data) return <Loading />;
  if (settings.error) return <ErrorState error={settings.error} onRetry={settings.reload} admin />;
  const s = settings.data;
  if (!s) return <Loading />;

  const save = async () => {
    const checked = checkWith<BodyOf<typeof updateAgoraSettings>, Key>(updateAgoraSettings.body, {
      cosignThreshold: optionalNumber(threshold),
      cosignDays: Number(cosignDays),
      ratingDays: Number(ratingDays),
      silentMajority: silent,
      ...(basis.trim() ? { silentMajorityBasis: basis } : {}),
    });
    saving.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const saved = await saving.submit(() => saveAgoraSettings(communityId, body));
    if (saved) {
      settings.setData(saved);
      void Taro.showToast({ title: '已保存', icon: 'none' });
    }
  };

  return (
    <View className="card" id="agora-settings">
      <Field
        id="agora-threshold"
        label="议题需要几户附议"
        type="number"
        value={threshold}
        onChange={setThreshold}
        maxlength={6}
        error={saving.fieldErrors.cosignThreshold}
        hint={`不填就按总户数的五分之一：现在${s.households}户，需要${s.cosignNeededNow}户附议`}
      />
      <Field
        id="agora-cosign-days"
        label="征集附议几天"
        type="number"
        value={cosignDays}
        onChange={setCosignDays}
        maxlength={3}
        error={saving.fieldErrors.cosignDays}
        hint="到期附议不够的议题自动结束"
      />
      <Field
        id="agora-rating-days"
        label="实施后评价几天"
        type="number"
        value={ratingDays}
        onChange={setRatingDays}
        maxlength={3}
        error={saving.fieldErrors.ratingDays}
      />
      <View className="gap-top">
        <Check id="agora-silent" checked={silent} onChange={setSilent}>
          送达后未表态的业主，视为同意多数人的意见
        </Check>
      </View>
      <View className="agora-warning gap-top" id="agora-silent-warning">
        <Text className="t-body t-block">
          只有业主大会议事规则里写明可以这样计票时才能打开。只用于业主投票；每户都要有送达记录（在投票详情里登记“送达”），没有送达记录的住户不算。
        </Text>
      </View>
      {silent ? (
        <Field
          id="agora-silent-basis"
          label="议事规则里的哪一条允许这样计票"
          value={basis}
          onChange={setBasis}
          multiline
          maxlength={200}
          placeholder="例如：《业主大会议事规则》第十五条"
          error={saving.fieldErrors.silentMajorityBasis}
        />
      ) : null}
      <FormError id="agora-settings-form-error" message={saving.formError} retry={saving.retry} />
      <Button
        id="agora-settings-save"
        className="btn btn--primary btn--block gap-top"
        disabled={saving.busy || undefined}
        onClick={() => void save()}
      >
        {saving.busy ? '正在保存…' : '保存'}
      </Button>
    </View>
  );
}
