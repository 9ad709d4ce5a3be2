import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { naturalCompare } from '../../../../shared/domain/natural-order';
import { AdminShell } from '../../../components/AdminShell';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { useNoticeAdmin, useNoticeReads } from '../../../hooks/notices-admin';
import { householdLabel } from '../../../lib/format';
import { intParam } from '../../../lib/routes';
import { XlsxExportButton } from '../notices/XlsxExportButton';
import './index.css';

export default function AdminNoticeReads() {
  return (
    <AdminShell id="admin-notice-reads" section="notices">
      {(communityId) => <Reads communityId={communityId} />}
    </AdminShell>
  );
}

const percent = (read: number, total: number) => (total > 0 ? Math.round((read / total) * 100) : 0);

/** A bar of read households: the width is the share read. */
function Bar(props: { read: number; total: number; id?: string }) {
  return (
    <View className="reads-bar" id={props.id} data-percent={percent(props.read, props.total)}>
      <View className="reads-bar-fill" style={{ width: `${percent(props.read, props.total)}%` }} />
    </View>
  );
}

/** 阅读情况: 已读 X / Y 户 overall and by building, and the households nobody has read it in. */
function Reads({ communityId }: { communityId: number }) {
  const router = useRouter();
  const noticeId = intParam(router.params.id);
  const notice = useNoticeAdmin(communityId, noticeId);
  const reads = useNoticeReads(communityId, noticeId);
  usePullDownRefresh(() => {
    void reads.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (noticeId === null) return <Empty id="notice-missing" text="没有找到这条通知" />;
  if (reads.loading && !reads.data) return <Loading />;
  if (reads.error) return <ErrorState error={reads.error} onRetry={reads.reload} admin />;
  const r = reads.data;
  if (!r) return null;

  const buildings = [...r.buildings].sort((x, y) => naturalCompare(x.buildingName, y.buildingName));
  const unread = [...r.unreadHouseholds].sort(
    (x, y) =>
      naturalCompare(x.buildingName, y.buildingName) ||
      naturalCompare(x.unit, y.unit) ||
      naturalCompare(x.room, y.room),
  );

  return (
    <View id="notice-reads">
      <View className="card">
        {notice.data ? (
          <Text className="t-body t-block" id="reads-notice-title">
            「{notice.data.title}」
          </Text>
        ) : null}
        <Text className="t-hero t-block" id="reads-overall">
          已读 {r.overall.read} / {r.overall.total} 户
        </Text>
        <Bar read={r.overall.read} total={r.overall.total} id="reads-overall-bar" />
        <Text className="t-small t-block">
          {percent(r.overall.read, r.overall.total)}%。一户里有人打开过就算已读；只算有居民加入的房屋。
        </Text>
        <XlsxExportButton
          id="reads-export"
          kind="reads"
          communityId={communityId}
          noticeId={noticeId}
          fileName={`阅读情况-${noticeId}.xlsx`}
        />
      </View>

      <Text className="section-title">各楼栋</Text>
      <View className="card" id="reads-buildings">
        {buildings.length === 0 ? <Text className="t-body">没有要统计的楼栋</Text> : null}
        {buildings.map((b) => (
          <View key={b.buildingId} className="reads-building" id={`reads-building-${b.buildingId}`}>
            <View className="row row--between">
              <Text className="t-body grow">{b.buildingName}</Text>
              <Text className="t-body" id={`reads-building-figure-${b.buildingId}`}>
                {b.read} / {b.total} 户
              </Text>
            </View>
            <Bar read={b.read} total={b.total} />
          </View>
        ))}
      </View>

      <Text className="section-title">还没有人看的住户（{unread.length}户）</Text>
      <View className="card" id="reads-unread">
        {unread.length === 0 ? (
          <Text className="t-body" id="reads-unread-none">
            所有住户都看过了
          </Text>
        ) : (
          <Text className="t-small t-block">可以上门或打电话告诉他们。</Text>
        )}
        {unread.map((h) => (
          <Text key={h.id} className="t-body t-block reads-unread-row" id={`reads-unread-${h.id}`}>
            {householdLabel(h)}
          </Text>
        ))}
      </View>
    </View>
  );
}
