import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { BodyOf } from '../../../../shared/contracts/route';
import { editTopicText, type TopicDetail } from '../../../../shared/contracts/topics';
import { Field, FormError } from '../../../components/Form';
import { editTopic } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { checkWith } from '../../../lib/validation';

type Key = 'title' | 'body' | 'place';

/** 修改内容 while the topic is discussed (a 住户守则 draft is refined here before its vote). */
export function EditText(props: {
  communityId: number;
  topic: TopicDetail;
  onDone: (next: TopicDetail) => void;
  onClose: () => void;
}) {
  const [title, setTitle] = useState(props.topic.title);
  const [body, setBody] = useState(props.topic.body);
  const [place, setPlace] = useState(props.topic.place ?? '');
  const saving = useSubmit<Key>();
  const save = async () => {
    const checked = checkWith<BodyOf<typeof editTopicText>, Key>(editTopicText.body, {
      title,
      body,
      ...(place.trim() ? { place } : {}),
    });
    saving.setFieldErrors(checked.errors);
    const checkedBody = checked.body;
    if (!checkedBody) return;
    const next = await saving.submit(() => editTopic(props.communityId, props.topic.id, checkedBody));
    if (next) props.onDone(next);
  };
  const rules = props.topic.kind === 'house_rules';
  return (
    <View className="card gap-top" id="topic-edit-form">
      <Text className="t-title t-block">修改内容</Text>
      <Field
        id="topic-edit-title"
        label="标题"
        value={title}
        onChange={setTitle}
        maxlength={40}
        error={saving.fieldErrors.title}
      />
      <Field
        id="topic-edit-body"
        label={rules ? '守则全文' : '内容'}
        value={body}
        onChange={setBody}
        multiline
        maxlength={rules ? 10000 : 2000}
        error={saving.fieldErrors.body}
      />
      <Field
        id="topic-edit-place"
        label="地点（可不填）"
        value={place}
        onChange={setPlace}
        maxlength={40}
        error={saving.fieldErrors.place}
      />
      <FormError id="topic-edit-form-error" message={saving.formError} retry={saving.retry} />
      <View className="btn-row gap-top">
        <Button
          id="topic-edit-save"
          className="btn btn--primary"
          disabled={saving.busy || undefined}
          onClick={() => void save()}
        >
          {saving.busy ? '正在保存…' : '保存'}
        </Button>
        <Button id="topic-edit-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
