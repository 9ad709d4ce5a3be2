import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { type ReviewItem, type ReviewTab, reviewTabLabels, reviewTabs } from '../../../../shared/contracts/moderation';
import { AdminShell } from '../../../components/AdminShell';
import { ListState } from '../../../components/ListState';
import { decide, useReviewQueue } from '../../../hooks/moderation';
import { cx } from '../../../lib/format';
import { DecideDialog } from './DecideDialog';
import { type Decision, ReviewCard } from './ReviewCard';

export default function AdminReview() {
  return (
    <AdminShell id="admin-review" section="review">
      {(communityId) => <ReviewQueue communityId={communityId} />}
    </AdminShell>
  );
}

const emptyTexts: Record<ReviewTab, string> = {
  reported: '没有被举报的内容',
  held: '没有等待审核的内容',
  appealed: '没有待处理的申诉',
  hidden: '没有隐藏的内容',
  deleted: '没有删除的内容',
};

function ReviewQueue({ communityId }: { communityId: number }) {
  const [tab, setTab] = useState<ReviewTab>('reported');
  const { list, counts } = useReviewQueue(communityId, tab);
  const [dialog, setDialog] = useState<{ item: ReviewItem; action: 'hide' | 'delete' } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  // A decided item leaves the tab; the counts are read again with the list.
  const decided = () => void list.reload();

  const onDecide = async (item: ReviewItem, action: Decision) => {
    if (action !== 'restore') {
      setDialog({ item, action });
      return;
    }
    const { confirm } = await Taro.showModal({
      title: item.state === 'visible' ? '没有问题' : '恢复显示',
      content:
        item.state === 'visible' ? '举报会被处理掉，内容照常显示。' : '恢复后邻居又能看到这条内容，作者会收到通知。',
      confirmText: '确定',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(`${item.subject}-${item.subjectId}`);
    try {
      await decide(communityId, item, { action: 'restore' });
      void Taro.showToast({ title: '已处理', icon: 'none' });
      decided();
    } catch (error) {
      void Taro.showToast({ title: (error as Error).message || '没有处理成功', icon: 'none' });
      decided();
    } finally {
      setBusy(null);
    }
  };

  return (
    <View>
      <View className="chips tabs" id="review-tabs">
        {reviewTabs.map((t) => (
          <View
            key={t}
            id={`review-tab-${t}`}
            className={cx('chip', t === tab && 'chip--on')}
            onClick={() => setTab(t)}
          >
            {reviewTabLabels[t]}
            {counts[t] > 0 ? ` ${counts[t]}` : ''}
          </View>
        ))}
      </View>
      <Text className="t-small t-block gap-top">
        被举报的内容达到设定人数会自动隐藏。隐藏和删除的原因会出现在居民能看的「处理记录」里。
      </Text>
      <View className="gap-top">
        <ListState list={list} emptyText={emptyTexts[tab]} admin itemsClassName="admin-list">
          {(items) =>
            items.map((item) => (
              <ReviewCard
                key={`${item.subject}-${item.subjectId}`}
                item={item}
                busy={busy === `${item.subject}-${item.subjectId}`}
                onDecide={(action) => void onDecide(item, action)}
              />
            ))
          }
        </ListState>
      </View>
      {dialog ? (
        <DecideDialog
          communityId={communityId}
          item={dialog.item}
          action={dialog.action}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            decided();
          }}
        />
      ) : null}
    </View>
  );
}
