import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { type ScreeningWordView, screeningWordsInput, skipReasonLabels } from '../../../../shared/contracts/screening';
import { Field, FormError } from '../../../components/Form';
import { Empty } from '../../../components/StateView';
import { addWords, removeWord, type WordList } from '../../../hooks/screening';
import { useSubmit } from '../../../hooks/useSubmit';
import { checkWith } from '../../../lib/validation';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

/**
 * One word list: its words as chips, each with 删除 (after a confirm) when `editable`, and a
 * box to add words one per line. Read-only lists (the platform's, for a moderator) show words only.
 */
export function WordsCard(props: {
  id: string;
  title: string;
  note: string;
  list: WordList;
  words: ScreeningWordView[];
  editable: boolean;
  onChange: (words: ScreeningWordView[]) => void;
}) {
  const [busy, setBusy] = useState<number | null>(null);

  const remove = async (word: ScreeningWordView) => {
    const { confirm } = await Taro.showModal({
      title: '删除敏感词',
      content: `确定删除“${word.word}”吗？删除后含有这个词的内容不再被拦下。`,
      confirmText: '删除',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(word.id);
    try {
      await removeWord(props.list, word);
      props.onChange(props.words.filter((w) => w.id !== word.id));
      toast('已删除');
    } catch {
      // toast shown
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="card" id={props.id}>
      <Text className="t-title t-block">
        {props.title}（{props.words.length}个）
      </Text>
      <Text className="t-small t-block">{props.note}</Text>
      {props.editable ? (
        <AddWords
          id={`${props.id}-add`}
          list={props.list}
          onAdded={(added) => props.onChange([...props.words, ...added])}
        />
      ) : null}
      {props.words.length === 0 ? (
        <Empty id={`${props.id}-empty`} text="还没有词" />
      ) : (
        <View className="word-list gap-top">
          {props.words.map((w) => (
            <View key={w.id} className="word-chip" id={`${props.id}-word-${w.id}`}>
              <Text className="t-body">{w.word}</Text>
              {props.editable ? (
                <Button
                  id={`${props.id}-remove-${w.id}`}
                  className="btn btn--danger btn--small"
                  disabled={busy === w.id || undefined}
                  onClick={() => void remove(w)}
                >
                  删除
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}

function AddWords(props: { id: string; list: WordList; onAdded: (words: ScreeningWordView[]) => void }) {
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const sending = useSubmit<'words'>({
    // "Already listed" belongs next to the box.
    place: (error) => (error.code === 'DUPLICATE' ? { field: 'words', message: error.message } : null),
  });
  const checked = checkWith<{ words: string[] }, 'words'>(screeningWordsInput, { words: text });
  const error = sending.fieldErrors.words ?? (tried ? checked.errors.words : undefined);

  const submit = async () => {
    setTried(true);
    if (!checked.body) return;
    const reply = await sending.submit(() => addWords(props.list, text));
    if (!reply) return;
    props.onAdded(reply.added);
    setText('');
    setTried(false);
    const skipped = reply.skipped.map((s) => `“${s.word}”${skipReasonLabels[s.reason]}`);
    toast(skipped.length ? `已添加${reply.added.length}个；${skipped.join('，')}` : `已添加${reply.added.length}个`);
  };

  return (
    <View className="gap-top">
      <Field
        id={`${props.id}-words`}
        label="添加敏感词"
        multiline
        value={text}
        onChange={(v) => {
          setText(v);
          if (sending.fieldErrors.words) sending.setFieldErrors({});
        }}
        placeholder="每行一个词"
        hint="空格、符号、全角半角、繁体字都会一起拦下，不用分别添加"
        error={error}
        maxlength={15_500}
      />
      <FormError id={`${props.id}-error`} message={sending.formError} retry={sending.retry} />
      <Button
        id={`${props.id}-submit`}
        className="btn btn--primary btn--block"
        disabled={sending.busy || undefined}
        onClick={() => void submit()}
      >
        {sending.busy ? '正在添加…' : '添加'}
      </Button>
    </View>
  );
}
