import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { neighbourTags } from '../../../../shared/enums';
import { showError } from '../../../api/client';
import { AdminShell } from '../../../components/AdminShell';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { type Talent, talentsXlsxRequest, useTalents } from '../../../hooks/neighbours-admin';
import { cx, formatDateTime } from '../../../lib/format';
import { downloadXlsx } from '../../../lib/notice-files';
import { callPhone } from '../../../lib/phone';
import '../../../components/neighbours-admin/neighbours-admin.css';

/**
 * 能人库: residents who turned on 愿意为社区服务, with the skills they chose to show, the real name
 * and phone the committee holds (tap to call), and when and under which text they agreed; the
 * list as Excel (the export is audited).
 */
export default function AdminNeighbourTalents() {
  return (
    <AdminShell id="admin-neighbour-talents" section="neighbour-talents">
      {(communityId) => <Talents communityId={communityId} />}
    </AdminShell>
  );
}

function Talents({ communityId }: { communityId: number }) {
  const [tag, setTag] = useState<string | null>(null);
  const talents = useTalents(communityId, tag);
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(() => {
    void talents.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const exportXlsx = async () => {
    setBusy(true);
    try {
      await downloadXlsx(await talentsXlsxRequest(communityId), '能人库.xlsx');
    } catch {
      showError('没有导出成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  const items = talents.data?.items ?? [];
  return (
    <View id="neighbour-talents">
      <Text className="t-body t-block">
        这里是在名片里打开了「愿意为社区服务」的居民。姓名和电话只给居委会工作人员看，请只用于社区服务。
      </Text>
      <Button
        id="talents-export"
        className="btn btn--plain btn--block gap-top"
        disabled={busy || undefined}
        onClick={() => void exportXlsx()}
      >
        {busy ? '正在导出…' : '导出Excel'}
      </Button>
      <View className="chips gap-top" id="talents-tag-filter">
        <View id="talents-tag-all" className={cx('chip', tag === null && 'chip--on')} onClick={() => setTag(null)}>
          全部
        </View>
        {neighbourTags.map((t, i) => (
          <View
            key={t}
            id={`talents-tag-${i}`}
            className={cx('chip', tag === t && 'chip--on')}
            onClick={() => setTag(t)}
          >
            {t}
          </View>
        ))}
      </View>
      <View className="gap-top">
        {talents.loading && !talents.data ? <Loading /> : null}
        {talents.error ? <ErrorState error={talents.error} onRetry={talents.reload} admin /> : null}
        {talents.data && items.length === 0 ? (
          <Empty id="talents-empty" text={tag ? '没有这个标签的居民' : '还没有居民愿意为社区服务'} />
        ) : null}
        {items.length > 0 ? (
          <View className="admin-list" id="talents-list">
            {items.map((t) => (
              <TalentRow key={t.cardId} talent={t} />
            ))}
          </View>
        ) : null}
      </View>
    </View>
  );
}

function TalentRow({ talent: t }: { talent: Talent }) {
  const id = `talent-${t.cardId}`;
  const where = [t.building, t.unitRoom].filter(Boolean).join(' ');
  return (
    <View className="item talent-item" id={id}>
      <Text className="item-title t-block" id={`${id}-name`}>
        {t.realName ? `${t.realName}（${t.displayName}）` : t.displayName}
      </Text>
      {where ? <Text className="item-line t-body t-block">{where}</Text> : null}
      {t.phone ? (
        <Text
          className="item-line t-body link"
          id={`${id}-phone`}
          onClick={() => callPhone(t.phone as string, '拨打电话')}
        >
          电话 {t.phone}
        </Text>
      ) : null}
      {t.tags.length > 0 ? (
        <View className="nb-tags" id={`${id}-tags`}>
          {t.tags.map((tag) => (
            <View key={tag} className="nb-tag">
              <Text className="tag tag--info">{tag}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {t.canHelp.length > 0 ? (
        <Text className="item-line t-body t-block" id={`${id}-help`}>
          可以帮忙：{t.canHelp.join('、')}
        </Text>
      ) : null}
      {t.intro ? <Text className="item-line t-body t-block">{t.intro}</Text> : null}
      <Text className="item-line t-small t-block" id={`${id}-consent`}>
        {formatDateTime(t.consentedAt)} 同意加入能人库（说明文字版本 {t.consentVersion}）
      </Text>
    </View>
  );
}
