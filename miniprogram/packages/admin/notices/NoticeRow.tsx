import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { NoticeAdmin } from '../../../../shared/contracts/notices';
import { noticeCategoryLabels } from '../../../../shared/enums';
import { isScheduled, unscheduleNoticeNow } from '../../../hooks/notices-admin';
import { formatDateTime } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';

/** 草稿 / 定时发布 / 已发布 / 已撤回, with the tag's colour. */
export function noticeState(n: NoticeAdmin): { label: string; tone: string } {
  if (isScheduled(n)) return { label: '定时发布', tone: 'tag--warn' };
  if (n.status === 'draft') return { label: '草稿', tone: 'tag--off' };
  if (n.status === 'withdrawn') return { label: '已撤回', tone: 'tag--danger' };
  return { label: n.expired ? '已过期' : '已发布', tone: n.expired ? 'tag--off' : 'tag--ok' };
}

/** When: published at, going out at, or written at. */
function when(n: NoticeAdmin): string {
  if (isScheduled(n)) return `将于 ${formatDateTime(n.publishAt)} 发布`;
  if (n.status === 'draft') return `写于 ${formatDateTime(n.createdAt)}`;
  const edited = n.editedAt ? '（已更新）' : '';
  return `发布于 ${formatDateTime(n.publishedAt)}${edited}`;
}

export function NoticeRow(props: {
  communityId: number;
  notice: NoticeAdmin;
  onChanged: (n: NoticeAdmin) => void;
  onWithdraw: () => void;
}) {
  const n = props.notice;
  const [busy, setBusy] = useState(false);
  const state = noticeState(n);
  const scheduled = isScheduled(n);

  const unschedule = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消定时发布',
      content: `「${n.title}」不会在 ${formatDateTime(n.publishAt)} 发出，变回草稿。`,
      confirmText: '取消定时',
      cancelText: '不取消',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      props.onChanged(await unscheduleNoticeNow(props.communityId, n.id));
      void Taro.showToast({ title: '已取消定时，变回草稿', icon: 'none' });
    } catch {
      // toast shown
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="item notice-admin-item" id={`notice-${n.id}`}>
      <View className="row row--wrap">
        <Text className="tag tag--info notice-category" id={`notice-category-${n.id}`}>
          {noticeCategoryLabels[n.category]}
        </Text>
        <Text className={`tag ${state.tone}`} id={`notice-state-${n.id}`}>
          {state.label}
        </Text>
        {n.pinned ? <Text className="tag tag--warn">置顶</Text> : null}
        {n.isPublic ? null : <Text className="tag tag--off">仅居民</Text>}
      </View>
      <Text className="item-title t-block gap-top" id={`notice-title-${n.id}`}>
        {n.title}
      </Text>
      <Text className="item-line t-small" id={`notice-when-${n.id}`}>
        {when(n)}
      </Text>
      {n.status === 'published' && n.reads ? (
        <Text className="item-line t-body" id={`notice-reads-${n.id}`}>
          已读 {n.reads.read}/{n.reads.total} 户
        </Text>
      ) : null}
      {n.signup ? (
        <Text className="item-line t-body" id={`notice-signup-${n.id}`}>
          报名 {n.signup.taken}/{n.signup.capacity} 人{n.signup.waiting > 0 ? `，排队 ${n.signup.waiting} 户` : ''}
        </Text>
      ) : null}
      {n.status === 'withdrawn' && n.withdrawReason ? (
        <Text className="item-line t-body t-danger">撤回原因：{n.withdrawReason}</Text>
      ) : null}

      <View className="btn-row gap-top">
        {n.status !== 'withdrawn' ? (
          <Button
            id={`notice-edit-${n.id}`}
            className="btn btn--plain btn--small"
            onClick={() => go(routes.adminNoticeEdit({ id: n.id }))}
          >
            编辑
          </Button>
        ) : null}
        <Button
          id={`notice-copy-${n.id}`}
          className="btn btn--plain btn--small"
          onClick={() => go(routes.adminNoticeEdit({ copy: n.id }))}
        >
          复制为新通知
        </Button>
        {n.status === 'published' ? (
          <Button
            id={`notice-reads-open-${n.id}`}
            className="btn btn--plain btn--small"
            onClick={() => go(routes.adminNoticeReads(n.id))}
          >
            阅读情况
          </Button>
        ) : null}
        {n.signup && n.status !== 'draft' ? (
          <Button
            id={`notice-signups-open-${n.id}`}
            className="btn btn--plain btn--small"
            onClick={() => go(routes.adminNoticeSignups(n.id))}
          >
            报名名单
          </Button>
        ) : null}
        {scheduled ? (
          <Button
            id={`notice-unschedule-${n.id}`}
            className="btn btn--danger btn--small"
            disabled={busy || undefined}
            onClick={() => void unschedule()}
          >
            取消定时
          </Button>
        ) : null}
        {n.status === 'published' ? (
          <Button id={`notice-withdraw-${n.id}`} className="btn btn--danger btn--small" onClick={props.onWithdraw}>
            撤回
          </Button>
        ) : null}
      </View>
    </View>
  );
}
