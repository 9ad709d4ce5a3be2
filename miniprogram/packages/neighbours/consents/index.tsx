import { Text, View } from '@tarojs/components';
import { neighbourFieldLabels } from '../../../../shared/enums';
import { PageShell } from '../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { useMyConsents } from '../../../hooks/neighbours';
import { cx, formatDateTime } from '../../../lib/format';
import '../../../components/neighbours/neighbours.css';

/**
 * 我的授权记录 (PIPL arts. 14, 15): every 找邻居 switch the resident turned on or off and every
 * share given or taken back, with the time, the version of the words shown and those words.
 */
export default function NeighbourConsents() {
  const consents = useMyConsents();
  const items = consents.data?.items;
  return (
    <PageShell id="neighbour-consents" title="我的授权记录">
      <View className="card">
        <Text className="t-body t-block">
          在“找邻居”里，您每次打开或关掉一个开关、给邻居看或收回电话和微信号，这里都有记录。
        </Text>
      </View>
      {consents.error ? (
        <ErrorState error={consents.error} onRetry={consents.reload} />
      ) : !items ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty id="consents-empty" text="还没有授权记录。" />
      ) : (
        <View id="consents-list">
          {items.map((c) => (
            <View key={c.id} id={`consent-${c.id}`} className="item consent-row">
              <View className="row row--between">
                <Text className="item-title grow" id={`consent-${c.id}-field`}>
                  {neighbourFieldLabels[c.field]}
                </Text>
                <Text className={cx('tag', c.granted ? 'tag--ok' : 'tag--off')} id={`consent-${c.id}-granted`}>
                  {c.granted ? '同意' : '撤回'}
                </Text>
              </View>
              <Text className="item-line t-body" id={`consent-${c.id}-time`}>
                {formatDateTime(c.createdAt)} · {c.communityName}
              </Text>
              <Text className="item-line t-small" id={`consent-${c.id}-version`}>
                说明文字版本：{c.textVersion}
              </Text>
              {c.text ? (
                <Text className="item-line t-small neighbour-words" id={`consent-${c.id}-text`}>
                  当时看到的说明：{c.text}
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
