import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MatterFigures } from '../../../../shared/contracts/matters';
import { matterCategoryLabels } from '../../../../shared/enums';
import { showError } from '../../../api/client';
import { AdminShell } from '../../../components/AdminShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { mattersXlsxRequest, useMatterStats } from '../../../hooks/matters-admin';
import { downloadXlsx } from '../../../lib/notice-files';
import './index.css';

/** 办事统计: 小事快办 by month and category, plain numbers, and the whole list as Excel. */
export default function AdminMatterStats() {
  return (
    <AdminShell id="admin-matter-stats" section="matter-stats">
      {(communityId) => <Stats communityId={communityId} />}
    </AdminShell>
  );
}

const hours = (v: number | null) => (v === null ? '-' : `${v}小时`);
const percent = (v: number | null) => (v === null ? '-' : `${Math.round(v * 100)}%`);
const score = (v: number | null) => (v === null ? '-' : `${v}分`);
const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

function Stats({ communityId }: { communityId: number }) {
  const stats = useMatterStats(communityId, 6);
  const [busy, setBusy] = useState(false);
  if (stats.error) return <ErrorState id="stats-error" error={stats.error} onRetry={stats.reload} admin />;
  if (!stats.data) return <Loading />;
  const d = stats.data;
  const exportXlsx = async () => {
    setBusy(true);
    try {
      await downloadXlsx(await mattersXlsxRequest(communityId), '小事快办.xlsx');
    } catch {
      showError('没有导出成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <View id="matter-stats">
      <Text className="t-small t-block">
        首次响应：从居民报告到工作人员第一次处理；办结：从报告到标记办结。按报告的月份统计。
      </Text>
      {[...d.months].reverse().map((month) => {
        const rows = d.matters.filter((r) => r.month === month);
        const post = d.posts.find((p) => p.month === month);
        return (
          <View key={month} className="card gap-top" id={`stats-${month}`}>
            <Text className="t-title t-block">{monthLabel(month)}</Text>
            {rows.length === 0 ? (
              <Text className="t-body t-block">这个月没有小事快办</Text>
            ) : (
              <View className="stats-table">
                <View className="stats-row stats-head">
                  {['类别', '件数', '首次响应', '办结用时', '重新打开', '平均评分'].map((h) => (
                    <Text key={h} className="stats-cell">
                      {h}
                    </Text>
                  ))}
                </View>
                {rows.map((r) => (
                  <StatsRow key={r.category ?? 'all'} month={month} row={r} />
                ))}
              </View>
            )}
            <Text className="t-small t-block gap-top" id={`stats-${month}-posts`}>
              留言板：{post?.count ?? 0}条留言，首次回复中位数 {hours(post?.medianFirstReplyHours ?? null)}
            </Text>
          </View>
        );
      })}
      <Button
        id="matters-export"
        className="btn btn--plain btn--block gap-top"
        disabled={busy || undefined}
        onClick={() => void exportXlsx()}
      >
        {busy ? '正在导出…' : '导出全部小事快办 Excel'}
      </Button>
    </View>
  );
}

function StatsRow(props: { month: string; row: MatterFigures }) {
  const r = props.row;
  return (
    <View
      className={r.category ? 'stats-row' : 'stats-row stats-total'}
      id={`stats-${props.month}-${r.category ?? 'all'}`}
    >
      <Text className="stats-cell">{r.category ? matterCategoryLabels[r.category] : '合计'}</Text>
      <Text className="stats-cell">{r.count}</Text>
      <Text className="stats-cell">{hours(r.medianFirstReplyHours)}</Text>
      <Text className="stats-cell">{hours(r.medianDoneHours)}</Text>
      <Text className="stats-cell">{percent(r.reopenRate)}</Text>
      <Text className="stats-cell">{score(r.averageRating)}</Text>
    </View>
  );
}
