import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { cancelSignup, type RosterLine } from '../../../../shared/contracts/signups';
import { AdminShell } from '../../../components/AdminShell';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { cancelSignupWith, setAttended, useNoticeAdmin, useSignupRoster } from '../../../hooks/notices-admin';
import { cx, householdLabel } from '../../../lib/format';
import { callPhone } from '../../../lib/phone';
import { intParam } from '../../../lib/routes';
import { XlsxExportButton } from '../notices/XlsxExportButton';
import './index.css';

export default function AdminNoticeSignups() {
  return (
    <AdminShell id="admin-notice-signups" section="notices">
      {(communityId) => <Roster communityId={communityId} />}
    </AdminShell>
  );
}

function statusText(line: RosterLine): { label: string; tone: string } {
  if (line.status === 'confirmed') return { label: '已报名', tone: 'tag--ok' };
  if (line.status === 'waitlisted') return { label: `排队第${line.position ?? '?'}位`, tone: 'tag--warn' };
  return { label: '已取消', tone: 'tag--off' };
}

/** 报名名单 of one 活动: who has a place, who waits, who cancelled; 签到 at the door; Excel. */
function Roster({ communityId }: { communityId: number }) {
  const router = useRouter();
  const noticeId = intParam(router.params.id);
  const notice = useNoticeAdmin(communityId, noticeId);
  const roster = useSignupRoster(communityId, noticeId);
  usePullDownRefresh(() => {
    void roster.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (noticeId === null) return <Empty id="notice-missing" text="没有找到这条通知" />;
  if (roster.loading && !roster.data) return <Loading />;
  if (roster.error) return <ErrorState error={roster.error} onRetry={roster.reload} admin />;
  const r = roster.data;
  if (!r) return null;

  const changed = (next: RosterLine) =>
    roster.setData((prev) => {
      if (!prev) return prev;
      const was = prev.items.find((x) => x.id === next.id);
      const delta = (next.attendedAt ? 1 : 0) - (was?.attendedAt ? 1 : 0);
      return {
        ...prev,
        attended: prev.attended + delta,
        items: prev.items.map((x) => (x.id === next.id ? next : x)),
      };
    });

  const waiting = r.items.filter((x) => x.status === 'waitlisted').length;

  return (
    <View id="notice-signups">
      <View className="card">
        {notice.data ? (
          <Text className="t-body t-block" id="roster-notice-title">
            「{notice.data.title}」
          </Text>
        ) : null}
        <Text className="t-hero t-block" id="roster-taken">
          已报名 {r.taken} / {r.capacity} 人
        </Text>
        <Text className="t-body t-block" id="roster-attended">
          已签到 {r.attended} 户{waiting > 0 ? `，排队 ${waiting} 户` : ''}
        </Text>
        <XlsxExportButton
          id="roster-export"
          kind="signups"
          communityId={communityId}
          noticeId={noticeId}
          fileName={`报名名单-${noticeId}.xlsx`}
        />
      </View>
      {r.items.length === 0 ? (
        <Empty id="roster-empty" text="还没有人报名" />
      ) : (
        <View className="admin-list" id="roster-list">
          {r.items.map((line) => (
            <RosterItem
              key={line.id}
              communityId={communityId}
              noticeId={noticeId}
              line={line}
              onChanged={changed}
              onCancelled={() => void roster.reload()}
            />
          ))}
        </View>
      )}
    </View>
  );
}

function RosterItem(props: {
  communityId: number;
  noticeId: number;
  line: RosterLine;
  onChanged: (line: RosterLine) => void;
  /** The list changes around a cancel (the waiting list moves): load it again. */
  onCancelled: () => void;
}) {
  const l = props.line;
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const status = statusText(l);

  const toggle = async () => {
    setBusy(true);
    try {
      const next = await setAttended(props.communityId, props.noticeId, l.id, l.attendedAt === null);
      props.onChanged(next);
      void Taro.showToast({ title: next.attendedAt ? `${next.name} 已签到` : '已取消签到', icon: 'none' });
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={cx('item', 'roster-item', l.status === 'cancelled' && 'roster-item--off')} id={`roster-${l.id}`}>
      <View className="row row--between">
        <Text className="item-title grow" id={`roster-name-${l.id}`}>
          {l.name}
        </Text>
        <Text className={`tag ${status.tone}`} id={`roster-status-${l.id}`}>
          {status.label}
        </Text>
      </View>
      <Text className="item-line t-body" id={`roster-household-${l.id}`}>
        {householdLabel(l)}，{l.people}人
      </Text>
      {l.phone ? (
        <Text
          className="link t-body"
          id={`roster-phone-${l.id}`}
          onClick={() => callPhone(l.phone as string, `${l.name}的电话`)}
        >
          {l.phone}
        </Text>
      ) : (
        <Text className="item-line t-small">没有留电话</Text>
      )}
      {l.status === 'confirmed' ? (
        <Button
          id={`roster-attend-${l.id}`}
          className={cx('btn btn--block gap-top', l.attendedAt ? 'btn--plain' : 'btn--primary')}
          disabled={busy || undefined}
          onClick={() => void toggle()}
        >
          {l.attendedAt ? '已签到（点一下取消）' : '签到'}
        </Button>
      ) : null}
      {l.status !== 'cancelled' ? (
        <Button
          id={`roster-cancel-${l.id}`}
          className="btn btn--plain btn--block gap-top"
          onClick={() => setCancelling(true)}
        >
          取消这户的报名
        </Button>
      ) : null}
      {cancelling ? (
        <ReasonDialog
          id="roster-cancel"
          title={`取消「${l.name}」家的报名`}
          explain="我们会把原因发到这户的消息里；还在报名期内时，排队的下一户会自动补上。"
          label="取消原因（必填）"
          placeholder="例如：本人来电说不能参加"
          maxLength={100}
          confirmText="确定取消"
          busyText="正在取消…"
          keepText="不取消"
          schema={cancelSignup.body}
          send={(reason) => cancelSignupWith(props.communityId, props.noticeId, l.id, reason)}
          onDone={() => {
            setCancelling(false);
            void Taro.showToast({ title: '已取消这户的报名', icon: 'none' });
            props.onCancelled();
          }}
          onClose={() => setCancelling(false)}
        />
      ) : null}
    </View>
  );
}
