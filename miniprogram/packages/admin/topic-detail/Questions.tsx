import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { answerTopic, type TopicCommentView } from '../../../../shared/contracts/topics';
import { FormError } from '../../../components/Form';
import { answer, useTopicComments } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { formatDateTime } from '../../../lib/format';
import { checkWith } from '../../../lib/validation';

/**
 * 问答 and 居委答复: residents' questions without an answer first, each answered inline; the
 * committee's official remarks; then the rest of the discussion.
 */
export function Questions(props: { communityId: number; topicId: number }) {
  const comments = useTopicComments(props.communityId, props.topicId);
  if (!comments.data) return null;
  const { official, items } = comments.data;
  const questions = items.filter((c) => c.kind === 'question');
  const open = questions.filter((q) => q.answers.length === 0);
  const answered = questions.filter((q) => q.answers.length > 0);
  const remarks = items.filter((c) => c.kind !== 'question');
  const reload = () => void comments.reload();
  return (
    <View className="card gap-top" id="topic-questions">
      <Text className="section-title">居民提问（{open.length}个待答复）</Text>
      {open.map((q) => (
        <View key={q.id} className="item" id={`question-${q.id}`}>
          <Comment c={q} />
          <AnswerBox
            id={`answer-${q.id}`}
            communityId={props.communityId}
            topicId={props.topicId}
            answersId={q.id}
            onSent={reload}
          />
        </View>
      ))}
      {answered.map((q) => (
        <View key={q.id} className="item" id={`question-${q.id}`}>
          <Comment c={q} />
          {q.answers.map((a) => (
            <Text key={a.id} className="item-line t-body" id={`question-${q.id}-answer-${a.id}`}>
              居委答复：{a.body}
            </Text>
          ))}
        </View>
      ))}
      <Text className="section-title">居委发言</Text>
      {official.map((c) => (
        <View key={c.id} className="item" id={`official-${c.id}`}>
          <Comment c={c} />
        </View>
      ))}
      <AnswerBox id="official-new" communityId={props.communityId} topicId={props.topicId} onSent={reload} />
      {remarks.length > 0 ? <Text className="section-title">居民意见（{remarks.length}条）</Text> : null}
      {remarks.map((c) => (
        <View key={c.id} className="item" id={`remark-${c.id}`}>
          <Comment c={c} />
        </View>
      ))}
    </View>
  );
}

function Comment({ c }: { c: TopicCommentView }) {
  return (
    <View>
      <Text className="t-small t-block">
        {c.authorLabel} · {formatDateTime(c.createdAt)}
        {c.state !== 'visible' ? ' · 待内容审核' : ''}
      </Text>
      <Text className="t-body t-block agora-body">{c.body}</Text>
    </View>
  );
}

function AnswerBox(props: {
  id: string;
  communityId: number;
  topicId: number;
  answersId?: number;
  onSent: () => void;
}) {
  const [body, setBody] = useState('');
  const sending = useSubmit<'body'>();
  const send = async () => {
    const checked = checkWith<{ body: string }, 'body'>(answerTopic.body, { body });
    sending.setFieldErrors(checked.errors);
    const checkedBody = checked.body;
    if (!checkedBody) return;
    const done = await sending.submit(() =>
      answer(props.communityId, props.topicId, checkedBody.body, props.answersId),
    );
    if (done) {
      setBody('');
      void Taro.showToast({ title: '已发布', icon: 'none' });
      props.onSent();
    }
  };
  return (
    <View className="gap-top">
      <Textarea
        id={`${props.id}-body`}
        className="input textarea"
        value={body}
        maxlength={500}
        placeholder={props.answersId ? '写下居委的答复' : '居委会的正式说明（置顶显示）'}
        onInput={(e) => setBody(e.detail.value)}
      />
      {sending.fieldErrors.body ? (
        <Text className="field-error" id={`${props.id}-error`}>
          {sending.fieldErrors.body}
        </Text>
      ) : null}
      <FormError id={`${props.id}-form-error`} message={sending.formError} retry={sending.retry} />
      <Button
        id={`${props.id}-send`}
        className="btn btn--primary"
        disabled={sending.busy || undefined}
        onClick={() => void send()}
      >
        {sending.busy ? '正在发布…' : props.answersId ? '答复' : '发布居委说明'}
      </Button>
    </View>
  );
}
