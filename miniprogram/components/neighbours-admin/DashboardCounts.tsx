import { Text, View } from '@tarojs/components';
import { useNeighbourFigures } from '../../hooks/neighbours-admin';
import { cx } from '../../lib/format';
import { go, routes } from '../../lib/routes';

/**
 * 工作台's 找邻居 line: residents listed in the directory and reports waiting, each opening
 * 找邻居管理. Nothing is shown while it loads or on a refusal, so the other counts stay as they were.
 */
export function NeighbourDashboardCounts(props: { communityId: number }) {
  const figures = useNeighbourFigures(props.communityId);
  const d = figures.data;
  if (!d) return null;
  const counts = [
    { id: 'neighbour-count-listed', label: '找邻居已公开名片', value: d.listed },
    { id: 'neighbour-count-reports', label: '找邻居待处理举报', value: d.openReports, strong: d.openReports > 0 },
  ];
  return (
    <View className="admin-grid" id="admin-neighbour-counts">
      {counts.map((c) => (
        <View key={c.id} className="admin-cell">
          <View className="card count-card" id={c.id} onClick={() => go(routes.adminNeighbours)}>
            <Text className={cx('t-hero t-block count-value', c.strong && 't-danger')}>{c.value}</Text>
            <Text className="t-body t-block">{c.label}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
