import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { reviewTopic, type TopicDetail } from '../../../../shared/contracts/topics';
import { finalTopicStages } from '../../../../shared/domain/topic-stages';
import { topicStageLabels } from '../../../../shared/enums';
import { FormError } from '../../../components/Form';
import { review, useStaffTopics } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { checkWith } from '../../../lib/validation';

/** 合并到…: pick one of the community's open topics, write why (public); the co-signers carry over. */
export function MergeDialog(props: {
  communityId: number;
  topic: TopicDetail;
  onDone: (next: TopicDetail) => void;
  onClose: () => void;
}) {
  const { list } = useStaffTopics(props.communityId, null);
  const open = list.items.filter((t) => t.id !== props.topic.id && !finalTopicStages.includes(t.stage));
  const [into, setInto] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const sending = useSubmit<'note' | 'mergeIntoId'>();
  const send = async () => {
    const input = { decision: 'merge' as const, note, ...(into ? { mergeIntoId: into } : {}) };
    const checked = checkWith<typeof input, 'note' | 'mergeIntoId'>(reviewTopic.body, input, {
      override: { mergeIntoId: '请选择要合并到哪个议题' },
    });
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const next = await sending.submit(() => review(props.communityId, props.topic.id, body));
    if (next) props.onDone(next);
  };
  return (
    <View className="mask" id="topic-merge-dialog">
      <View className="dialog">
        <Text className="t-title t-block">合并到另一个议题</Text>
        <Text className="t-body t-block gap-top">选一个相似的议题，这个议题的附议会一起算过去。</Text>
        <View id="topic-merge-list" className="gap-top">
          {list.status === 'loading' ? <Text className="t-small">正在加载…</Text> : null}
          {list.status === 'error' ? (
            <Text className="t-small" id="topic-merge-error">
              议题列表没有加载出来，请关掉再试
            </Text>
          ) : null}
          {list.status === 'ready' && open.length === 0 ? (
            <Text className="t-small" id="topic-merge-none">
              没有可以合并的议题
            </Text>
          ) : null}
          {open.map((t) => (
            <View
              key={t.id}
              id={`topic-merge-into-${t.id}`}
              className={cx('chip', into === t.id && 'chip--on')}
              onClick={() => setInto(t.id)}
            >
              {t.title}（{topicStageLabels[t.stage]}）
            </View>
          ))}
        </View>
        {sending.fieldErrors.mergeIntoId ? (
          <Text className="field-error" id="topic-merge-into-error">
            {sending.fieldErrors.mergeIntoId}
          </Text>
        ) : null}
        <Text className="field-label gap-top">合并的理由（居民能看到）</Text>
        <Textarea
          id="topic-merge-reason"
          className="input textarea"
          value={note}
          maxlength={500}
          placeholder="例如：与「增设充电桩」是同一件事"
          onInput={(e) => setNote(e.detail.value)}
        />
        {sending.fieldErrors.note ? (
          <Text className="field-error" id="topic-merge-reason-error">
            {sending.fieldErrors.note}
          </Text>
        ) : null}
        <FormError id="topic-merge-form-error" message={sending.formError} retry={sending.retry} />
        <View className="btn-row gap-top">
          <Button
            id="topic-merge-confirm"
            className="btn btn--primary"
            disabled={sending.busy || undefined}
            onClick={() => void send()}
          >
            {sending.busy ? '正在提交…' : '确认合并'}
          </Button>
          <Button id="topic-merge-cancel" className="btn btn--plain" onClick={props.onClose}>
            不合并了
          </Button>
        </View>
      </View>
    </View>
  );
}
