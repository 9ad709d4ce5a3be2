import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { decisionReasonBody, MUTE_DAYS_MAX, type ReviewItem } from '../../../../shared/contracts/moderation';
import { contentSubjectLabels } from '../../../../shared/enums';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { decide } from '../../../hooks/moderation';

/** 隐藏 / 删除 with a reason (residents read it in the public log), and 禁言 the author if wanted. */
export function DecideDialog(props: {
  communityId: number;
  item: ReviewItem;
  action: 'hide' | 'delete';
  onClose: () => void;
  onDone: (item: ReviewItem) => void;
}) {
  const [days, setDays] = useState('');
  const [daysError, setDaysError] = useState<string | null>(null);
  const kind = contentSubjectLabels[props.item.subject];
  const word = props.action === 'hide' ? '隐藏' : '删除';
  return (
    <ReasonDialog<ReviewItem>
      id="decide"
      title={`${word}这条${kind}`}
      explain={`居民在「处理记录」里能看到${word}的原因，看不到内容和作者。作者会收到通知。`}
      label="原因（必填）"
      placeholder="例如：发布广告"
      maxLength={200}
      confirmText={`确定${word}`}
      busyText={`正在${word}…`}
      keepText="再想想"
      schema={decisionReasonBody}
      send={async (reason) => {
        const n = days.trim() === '' ? undefined : Number(days);
        if (n !== undefined && !(Number.isInteger(n) && n >= 1 && n <= MUTE_DAYS_MAX)) {
          const message = `禁言天数要在1到${MUTE_DAYS_MAX}之间`;
          setDaysError(message);
          throw new Error(message);
        }
        setDaysError(null);
        return decide(props.communityId, props.item, { action: props.action, reason, muteDays: n });
      }}
      onDone={(next) => {
        void Taro.showToast({ title: `已${word}`, icon: 'none' });
        props.onDone(next);
      }}
      onClose={props.onClose}
    >
      {props.item.author ? (
        <View className="gap-top">
          <Text className="field-label">同时禁言作者几天（可以不填，最多{MUTE_DAYS_MAX}天）</Text>
          <Input
            id="decide-mute-days"
            className="input"
            type="number"
            maxlength={2}
            value={days}
            placeholder="不禁言"
            onInput={(e) => setDays(e.detail.value)}
          />
          {daysError ? (
            <Text className="field-error" id="decide-mute-days-error">
              {daysError}
            </Text>
          ) : null}
        </View>
      ) : null}
    </ReasonDialog>
  );
}
