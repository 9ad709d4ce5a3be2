import { Text, View } from '@tarojs/components';
import type { neighbourFigures } from '../../../shared/contracts/neighbours';
import type { ReplyOf } from '../../../shared/contracts/route';
import { type NeighbourField, neighbourFieldLabels, neighbourFields } from '../../../shared/enums';
import { cx } from '../../lib/format';
import { go, routes } from '../../lib/routes';
import './neighbours-admin.css';

export type Figures = ReplyOf<typeof neighbourFigures>;

/** The switches of a card's fields; 让邻居找到我 and 能人库 are counted above them. */
const cardFields = neighbourFields.filter((f): f is NeighbourField => f !== 'listed' && f !== 'serve');

const weekLabel = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日起`;

/**
 * 找邻居 in numbers: how many residents have a card, list it, offer to serve; how many show each
 * field; the top tags; requests, accepted and messages per week. Counts only, never what a
 * private thread says.
 */
export function NeighbourFiguresView({ figures: f }: { figures: Figures }) {
  const counts = [
    { id: 'nb-count-listed', label: '让邻居找到的居民', value: f.listed },
    { id: 'nb-count-cards', label: '填了名片的居民', value: f.cards },
    { id: 'nb-count-serve', label: '能人库人数', value: f.serve, url: routes.adminNeighbourTalents },
    { id: 'nb-count-reports', label: '待处理的举报', value: f.openReports, url: routes.adminReview, strong: true },
    { id: 'nb-count-blocks', label: '拉黑次数', value: f.blocks },
  ];
  const topMax = Math.max(1, ...f.topTags.map((t) => t.count));
  return (
    <View id="neighbour-figures">
      <View className="admin-grid">
        {counts.map((c) => (
          <View key={c.id} className="admin-cell">
            <View className="card count-card" id={c.id} onClick={c.url ? () => go(c.url as string) : undefined}>
              <Text className={cx('t-hero t-block count-value', c.strong && c.value > 0 && 't-danger')}>{c.value}</Text>
              <Text className="t-body t-block">{c.label}</Text>
            </View>
          </View>
        ))}
      </View>

      <View className="card gap-top" id="nb-switches">
        <Text className="t-title t-block">名片上各项打开的人数</Text>
        {cardFields.map((field) => (
          <View key={field} className="nb-table-row" id={`nb-switch-${field}`}>
            <Text className="t-body nb-table-cell">{neighbourFieldLabels[field]}</Text>
            <Text className="t-body">{f.switchesOn[field] ?? 0}人</Text>
          </View>
        ))}
      </View>

      <View className="card gap-top" id="nb-top-tags">
        <Text className="t-title t-block">最多人选的标签</Text>
        {f.topTags.length === 0 ? <Text className="t-body t-block gap-top">还没有人选标签</Text> : null}
        {f.topTags.map((t, i) => (
          <View key={t.tag} className="nb-bar" id={`nb-top-tag-${i}`}>
            <Text className="t-body nb-bar-label">{t.tag}</Text>
            <View className="nb-bar-track">
              <View className="nb-bar-fill" style={{ width: `${Math.round((t.count / topMax) * 100)}%` }} />
            </View>
            <Text className="t-body nb-bar-value">{t.count}人</Text>
          </View>
        ))}
      </View>

      <View className="card gap-top" id="nb-weeks">
        <Text className="t-title t-block">每周联系情况</Text>
        <Text className="t-small t-block">只统计条数，不显示私信内容。</Text>
        <View className="nb-table-row nb-table-head">
          {['周', '联系请求', '对方同意', '私信条数'].map((h) => (
            <Text key={h} className="t-body nb-table-cell">
              {h}
            </Text>
          ))}
        </View>
        {[...f.weeks].reverse().map((w) => (
          <View key={w.weekStart} className="nb-table-row" id={`nb-week-${w.weekStart}`}>
            <Text className="t-body nb-table-cell">{weekLabel(w.weekStart)}</Text>
            <Text className="t-body nb-table-cell">{w.requests}</Text>
            <Text className="t-body nb-table-cell">{w.accepted}</Text>
            <Text className="t-body nb-table-cell">{w.messages}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
