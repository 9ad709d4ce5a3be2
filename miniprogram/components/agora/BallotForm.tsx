import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ballotChannelLabels } from '../../../shared/enums';
import type { VoteDetail } from '../../hooks/agora';
import { useSubmit } from '../../hooks/useSubmit';
import { cx, formatDateTime } from '../../lib/format';
import { FormError } from '../Form';
import './resident.css';

type Ballot = NonNullable<VoteDetail['myBallot']>;

/** The options chosen, in words: 赞成 / 方案一、方案二. */
export function choiceText(vote: VoteDetail, optionIds: readonly number[]): string {
  return vote.options
    .filter((o) => optionIds.includes(o.id))
    .map((o) => o.label)
    .join('、');
}

/** A ballot already cast: the choice, when and how. */
export function BallotSummary(props: { id: string; vote: VoteDetail; ballot: Ballot }) {
  const b = props.ballot;
  return (
    <View className="card agora-official" id={props.id}>
      <Text className="t-title t-block" id={`${props.id}-choice`}>
        已投：{choiceText(props.vote, b.optionIds)}
      </Text>
      <Text className="t-body t-block">
        {formatDateTime(b.updatedAt)} · {ballotChannelLabels[b.channel]}
        {b.version > 1 ? ` · 改过${b.version - 1}次` : ''}
      </Text>
    </View>
  );
}

/**
 * Choosing and casting a ballot: single (one row), multiple (up to k rows) or a motion (赞成 /
 * 反对 / 弃权 as three big buttons); a confirm dialog lists the choice before it is sent.
 */
export function BallotForm(props: {
  id: string;
  vote: VoteDetail;
  ballot: Ballot | null;
  /** Whose ballot, said in the confirm dialog (您家 / 3号楼 201). */
  who: string;
  cast: (optionIds: number[]) => Promise<VoteDetail>;
  onCast: (vote: VoteDetail) => void;
}) {
  const v = props.vote;
  const [chosen, setChosen] = useState<number[]>(props.ballot?.optionIds ?? []);
  const [note, setNote] = useState<string | null>(null);
  const sending = useSubmit<'optionIds'>();
  const multiple = v.kind === 'multiple';
  const max = multiple ? v.maxChoices : 1;

  const tap = (id: number) => {
    setNote(null);
    if (!multiple) {
      setChosen([id]);
      return;
    }
    if (chosen.includes(id)) setChosen(chosen.filter((x) => x !== id));
    else if (chosen.length >= max) setNote(`最多选 ${max} 项，请先去掉一项`);
    else setChosen([...chosen, id]);
  };

  const send = async () => {
    if (chosen.length === 0) {
      setNote(v.kind === 'motion' ? '请选择赞成、反对或弃权' : '请至少选一项');
      return;
    }
    const answer = await Taro.showModal({
      title: props.ballot ? '确认修改投票' : '确认投票',
      content: `${props.who}选择：${choiceText(v, chosen)}。截止前还可以修改。`,
      confirmText: props.ballot ? '修改' : '投票',
      cancelText: '再想想',
    });
    if (!answer.confirm) return;
    const next = await sending.submit(() => props.cast(chosen));
    if (!next) return;
    void Taro.showToast({ title: props.ballot ? '已修改' : '投票成功', icon: 'none' });
    props.onCast(next);
  };

  return (
    <View id={props.id}>
      {multiple ? (
        <Text className="t-body t-block" id={`${props.id}-max`}>
          最多选 {max} 项（已选 {chosen.length} 项）
        </Text>
      ) : null}
      <View className={v.kind === 'motion' ? 'agora-motion' : ''} id={`${props.id}-options`}>
        {v.options.map((o) => {
          const on = chosen.includes(o.id);
          return (
            <View
              key={o.id}
              id={`${props.id}-option-${o.id}`}
              className={cx('agora-option', on && 'agora-option--on')}
              onClick={() => tap(o.id)}
            >
              {v.kind === 'motion' ? null : (
                <Text className="agora-option-mark">{multiple ? (on ? '☑' : '☐') : on ? '◉' : '○'}</Text>
              )}
              <Text>{o.label}</Text>
            </View>
          );
        })}
      </View>
      {note || sending.fieldErrors.optionIds ? (
        <Text className="field-error" id={`${props.id}-note`}>
          {note ?? sending.fieldErrors.optionIds}
        </Text>
      ) : null}
      <FormError id={`${props.id}-error`} message={sending.formError} retry={sending.retry} />
      <Button
        id={`${props.id}-submit`}
        className="btn btn--primary btn--block gap-top"
        disabled={sending.busy || undefined}
        onClick={() => void send()}
      >
        {sending.busy ? '正在提交…' : props.ballot ? '修改投票' : '投票'}
      </Button>
    </View>
  );
}
