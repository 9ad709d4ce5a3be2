import { Button, Text, View } from '@tarojs/components';
import type { ReviewItem } from '../../../../shared/contracts/moderation';
import {
  contentStateLabels,
  contentSubjectLabels,
  heldReasonLabels,
  reportReasonLabels,
} from '../../../../shared/enums';
import { cx, formatDateTime } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';

export type Decision = 'restore' | 'hide' | 'delete';

const stateTags: Record<ReviewItem['state'], string> = {
  visible: 'tag--ok',
  held: 'tag--warn',
  hidden: 'tag--danger',
  deleted: 'tag--off',
  rejected: 'tag--danger',
};

/** Who wrote it (staff may see who, also of an anonymous post), what it says, why it is here. */
export function ReviewCard(props: { item: ReviewItem; busy: boolean; onDecide: (action: Decision) => void }) {
  const { item } = props;
  const key = `${item.subject}-${item.subjectId}`;
  const a = item.author;
  return (
    <View className="item review-item" id={`review-${key}`}>
      <View className="row row--between">
        <Text className="item-title grow">
          {contentSubjectLabels[item.subject]} · {formatDateTime(item.createdAt)}
        </Text>
        <Text className={cx('tag', stateTags[item.state])}>{contentStateLabels[item.state]}</Text>
      </View>
      <Text className="item-line t-body t-block review-body" id={`review-body-${key}`}>
        {item.body || (item.subject === 'neighbour_card' ? '（名片上没有自我介绍）' : '')}
      </Text>
      <SubjectNote item={item} id={key} />
      <Text className="item-line t-small t-block" id={`review-author-${key}`}>
        作者：
        {a
          ? `${a.name}${a.building ? `（${a.building}${a.room ? ` ${a.room}室` : ''}）` : ''} · 编号${a.userId}`
          : '已注销的居民'}
      </Text>
      {item.heldReason ? (
        <Text className="item-line t-small t-block">待审核原因：{heldReasonLabels[item.heldReason]}</Text>
      ) : null}
      {item.stateReason ? <Text className="item-line t-small t-block">处理原因：{item.stateReason}</Text> : null}
      {item.reports.length > 0 ? (
        <View className="item-line" id={`review-reports-${key}`}>
          <Text className="t-small t-block">
            {item.reports.length}人举报（累计{item.reportCount}次）：
          </Text>
          {item.reports.map((r) => (
            <Text key={r.createdAt + r.reason} className="t-small t-block">
              · {reportReasonLabels[r.reason]}
              {r.note ? `：${r.note}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      {item.appeal ? (
        <Text className="item-line t-small t-block" id={`review-appeal-${key}`}>
          作者申诉{item.appeal.decided ? '（已复核）' : ''}：{item.appeal.text}
        </Text>
      ) : null}
      {item.state === 'deleted' ? null : (
        <View className="btn-row gap-top">
          {item.state !== 'visible' || item.reports.length > 0 ? (
            <Button
              id={`review-restore-${key}`}
              className="btn btn--primary btn--small"
              disabled={props.busy || undefined}
              onClick={() => props.onDecide('restore')}
            >
              {item.state === 'visible' ? '没有问题' : '恢复显示'}
            </Button>
          ) : null}
          {item.state !== 'hidden' || item.reports.length > 0 || (item.appeal && !item.appeal.decided) ? (
            <Button
              id={`review-hide-${key}`}
              className="btn btn--plain btn--small"
              disabled={props.busy || undefined}
              onClick={() => props.onDecide('hide')}
            >
              {item.state === 'hidden' ? '维持隐藏' : '隐藏'}
            </Button>
          ) : null}
          <Button
            id={`review-delete-${key}`}
            className="btn btn--danger btn--small"
            disabled={props.busy || undefined}
            onClick={() => props.onDecide('delete')}
          >
            删除
          </Button>
        </View>
      )}
    </View>
  );
}

/**
 * Where an item can be opened: a 邻居名片 in 找邻居管理 (its tags can be hidden there); a 邻居私信
 * nowhere, since the thread is private and only the reported message is shown here.
 */
function SubjectNote(props: { item: ReviewItem; id: string }) {
  if (props.item.subject === 'neighbour_card')
    return (
      <Text className="item-line t-body link" id={`review-open-${props.id}`} onClick={() => go(routes.adminNeighbours)}>
        到找邻居管理查看名片
      </Text>
    );
  if (props.item.subject === 'neighbour_message')
    return (
      <Text className="item-line t-small t-block" id={`review-private-${props.id}`}>
        这是居民之间的私信，只显示被举报的这一条，不能查看整段对话。
      </Text>
    );
  return null;
}
