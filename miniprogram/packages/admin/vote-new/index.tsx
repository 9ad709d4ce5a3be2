import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { BodyOf } from '../../../../shared/contracts/route';
import { createVote, VOTE_MAX_OPTIONS } from '../../../../shared/contracts/votes';
import { ruleText } from '../../../../shared/domain/tally-text';
import {
  type VoteElectorate,
  type VoteKind,
  type VoteResultsShown,
  type VoteRule,
  voteElectorateLabels,
  voteKindLabels,
  voteRuleLabels,
  voteRules,
} from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Check, Chips, Field, FormError } from '../../../components/Form';
import { startVote, useTopic } from '../../../hooks/agora-admin';
import { useAdminBuildings } from '../../../hooks/households-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import { checkWith, optionalNumber } from '../../../lib/validation';
import { moment } from '../notice-edit/form';
import { civilItems, isCivilRule, isMajorItem, missingAreaOf } from './form';
import '../../../components/agora/agora.css';

export default function AdminVoteNew() {
  const topicId = intParam(useRouter().params.topicId);
  return (
    <AdminShell id="admin-vote-new" section="votes">
      {(communityId) => <VoteForm communityId={communityId} topicId={topicId} />}
    </AdminShell>
  );
}

type Key =
  | 'title'
  | 'description'
  | 'kind'
  | 'options'
  | 'maxChoices'
  | 'electorate'
  | 'rule'
  | 'quorumPercent'
  | 'civilItem'
  | 'buildingIds'
  | 'proxyCap'
  | 'opensAt'
  | 'closesAt';

const electorates: VoteElectorate[] = ['household', 'resident', 'owner'];
const kinds: VoteKind[] = ['single', 'multiple', 'motion'];

function VoteForm({ communityId, topicId }: { communityId: number; topicId: number | null }) {
  const topic = useTopic(communityId, topicId ?? 0, topicId !== null);
  const buildings = useAdminBuildings(communityId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<VoteKind>('single');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [maxChoices, setMaxChoices] = useState('2');
  const [electorate, setElectorate] = useState<VoteElectorate>('household');
  const [rule, setRule] = useState<VoteRule>('simple');
  const [quorum, setQuorum] = useState('');
  const [civilItem, setCivilItem] = useState<number | null>(null);
  const [scope, setScope] = useState<number[]>([]);
  const [resultsShown, setResultsShown] = useState<VoteResultsShown>('after_close');
  const [anonymous, setAnonymous] = useState(false);
  const [proxyCap, setProxyCap] = useState('1');
  const [opensDate, setOpensDate] = useState('');
  const [opensTime, setOpensTime] = useState('');
  const [closesDate, setClosesDate] = useState('');
  const [closesTime, setClosesTime] = useState('');
  const [missing, setMissing] = useState<{ count: number; examples: string[] } | null>(null);
  const sending = useSubmit<Key>({
    place: (error) => {
      if (error.code !== 'MISSING_FLOOR_AREA') return null;
      setMissing(missingAreaOf(error.details));
      return { form: error.message };
    },
  });

  // A vote on a topic starts with its title; a 住户守则 is adopted by all households (居民会议规则).
  const t = topicId ? topic.data : null;
  useEffect(() => {
    if (!t) return;
    setTitle((prev) => prev || t.title.slice(0, 60));
    if (t.kind === 'house_rules') {
      setKind('motion');
      setRule('residents_meeting');
    }
  }, [t]);

  const rulesOffered = voteRules.filter((r) => electorate === 'owner' || !isCivilRule(r));
  const chooseElectorate = (e: VoteElectorate) => {
    setElectorate(e);
    if (e !== 'owner' && isCivilRule(rule)) {
      setRule('simple');
      setCivilItem(null);
    }
  };
  const chooseRule = (r: VoteRule) => {
    setRule(r);
    if (!isCivilRule(r)) setCivilItem(null);
    else if (civilItem !== null && isMajorItem(civilItem) !== (r === 'civil_278_major')) setCivilItem(null);
  };
  const chooseItem = (item: number) => {
    setCivilItem(item);
    setRule(isMajorItem(item) ? 'civil_278_major' : 'civil_278');
  };

  const send = async () => {
    setMissing(null);
    const opensAt = opensDate.trim() || opensTime.trim() ? moment(opensDate, opensTime) : null;
    const input = {
      ...(topicId ? { topicId } : {}),
      title,
      ...(description.trim() ? { description } : {}),
      kind,
      options: kind === 'motion' ? [] : options,
      maxChoices: kind === 'multiple' ? (optionalNumber(maxChoices) ?? Number.NaN) : 1,
      electorate,
      rule,
      ...(rule === 'quorum' ? { quorumPercent: optionalNumber(quorum) ?? Number.NaN } : {}),
      ...(isCivilRule(rule) && civilItem !== null ? { civilItem } : {}),
      ...(scope.length > 0 ? { buildingIds: scope } : {}),
      resultsShown,
      anonymous,
      proxyCap: optionalNumber(proxyCap) ?? 0,
      ...(opensAt ? { opensAt } : {}),
      closesAt: moment(closesDate, closesTime),
    };
    const checked = checkWith<BodyOf<typeof createVote>, Key>(createVote.body, input, {
      fallback: { opensAt: '开始时间请写成 2026-12-05 和 08:00', closesAt: '截止时间请写成 2026-12-20 和 18:00' },
    });
    sending.setFieldErrors(checked.errors);
    const body = checked.body;
    if (!body) return;
    const created = await sending.submit(() => startVote(communityId, body));
    if (created) {
      void Taro.showToast({ title: '投票已发起', icon: 'none' });
      go(routes.adminVote(created.id));
    }
  };

  const e = sending.fieldErrors;
  const moveOption = (i: number) =>
    setOptions((prev) => {
      const next = [...prev];
      [next[i - 1], next[i]] = [next[i], next[i - 1]];
      return next;
    });

  return (
    <View className="card" id="vote-new">
      {t ? (
        <Text className="t-small t-block" id="vote-new-topic">
          议题：{t.title}
        </Text>
      ) : null}
      <Field id="vote-title" label="投票标题" value={title} onChange={setTitle} maxlength={60} error={e.title} />
      <Field
        id="vote-description"
        label="说明（可不填）"
        value={description}
        onChange={setDescription}
        multiline
        maxlength={2000}
        error={e.description}
      />

      <Text className="field-label gap-top">投票方式</Text>
      <Chips
        options={kinds.map((k) => ({ value: k, label: voteKindLabels[k], id: `vote-kind-${k}` }))}
        value={kind}
        onChange={setKind}
      />
      {kind === 'motion' ? (
        <Text className="field-hint">选项固定为：赞成、反对、弃权。</Text>
      ) : (
        <View className="field" id="vote-options">
          <Text className="field-label">选项</Text>
          {options.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the options are edited in place by position
            <View key={i} className="row row--wrap gap-top agora-option-row" id={`vote-option-row-${i}`}>
              <Input
                id={`vote-option-${i}`}
                className="input grow"
                value={o}
                maxlength={60}
                placeholder={`选项${i + 1}`}
                onInput={(ev) => {
                  const value = ev.detail.value;
                  setOptions((prev) => prev.map((p, j) => (j === i ? value : p)));
                }}
              />
              {i > 0 ? (
                <Button id={`vote-option-up-${i}`} className="btn btn--plain btn--small" onClick={() => moveOption(i)}>
                  上移
                </Button>
              ) : null}
              <Button
                id={`vote-option-remove-${i}`}
                className="btn btn--danger btn--small"
                onClick={() => setOptions((prev) => prev.filter((_, j) => j !== i))}
              >
                删除
              </Button>
            </View>
          ))}
          <Button
            id="vote-option-add"
            className="btn btn--plain gap-top"
            disabled={options.length >= VOTE_MAX_OPTIONS || undefined}
            onClick={() => setOptions((prev) => [...prev, ''])}
          >
            添加选项
          </Button>
          {e.options ? (
            <Text className="field-error" id="vote-options-error">
              {e.options}
            </Text>
          ) : null}
        </View>
      )}
      {kind === 'multiple' ? (
        <Field
          id="vote-max-choices"
          label="最多选几项"
          type="number"
          value={maxChoices}
          onChange={setMaxChoices}
          maxlength={2}
          error={e.maxChoices}
        />
      ) : null}

      <Text className="field-label gap-top">谁可以投票</Text>
      <Chips
        options={electorates.map((v) => ({ value: v, label: voteElectorateLabels[v], id: `vote-electorate-${v}` }))}
        value={electorate}
        onChange={chooseElectorate}
      />
      {e.electorate ? (
        <Text className="field-error" id="vote-electorate-error">
          {e.electorate}
        </Text>
      ) : null}

      <Text className="field-label gap-top">计票规则</Text>
      <Chips
        options={rulesOffered.map((r) => ({ value: r, label: voteRuleLabels[r], id: `vote-rule-${r}` }))}
        value={rule}
        onChange={chooseRule}
      />
      <View id="vote-rule-explain">
        {ruleText(rule, electorate, optionalNumber(quorum), false).map((line) => (
          <Text key={line} className="field-hint t-block">
            · {line}
          </Text>
        ))}
      </View>
      {e.rule ? (
        <Text className="field-error" id="vote-rule-error">
          {e.rule}
        </Text>
      ) : null}
      {rule === 'quorum' ? (
        <Field
          id="vote-quorum"
          label="至少百分之多少参与"
          type="number"
          value={quorum}
          onChange={setQuorum}
          maxlength={3}
          error={e.quorumPercent}
        />
      ) : null}
      {isCivilRule(rule) ? (
        <View className="field" id="vote-civil-items">
          <Text className="field-label">表决的是第278条哪一项</Text>
          {civilItems.map((c) => (
            <View
              key={c.item}
              id={`vote-civil-item-${c.item}`}
              className={cx('chip', civilItem === c.item && 'chip--on')}
              onClick={() => chooseItem(c.item)}
            >
              {c.label}
            </View>
          ))}
          <Text className="field-hint">第六至八项必须用重大事项规则（四分之三同意）。</Text>
          {e.civilItem ? (
            <Text className="field-error" id="vote-civilItem-error">
              {e.civilItem}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className="field" id="vote-buildings">
        <Text className="field-label">哪些楼栋参加</Text>
        <Text className="field-hint">都不选就是全小区。</Text>
        <View className="chips">
          {(buildings.data ?? []).map((b) => (
            <View
              key={b.id}
              id={`vote-building-${b.id}`}
              className={cx('chip', scope.includes(b.id) && 'chip--on')}
              onClick={() =>
                setScope((prev) => (prev.includes(b.id) ? prev.filter((x) => x !== b.id) : [...prev, b.id]))
              }
            >
              {b.name}
            </View>
          ))}
        </View>
        {e.buildingIds ? (
          <Text className="field-error" id="vote-buildingIds-error">
            {e.buildingIds}
          </Text>
        ) : null}
      </View>

      <Text className="field-label gap-top">什么时候公布结果</Text>
      <Chips
        options={[
          { value: 'after_close' as const, label: '投票结束后', id: 'vote-results-after_close' },
          { value: 'live' as const, label: '投票中随时可看', id: 'vote-results-live' },
        ]}
        value={resultsShown}
        onChange={setResultsShown}
      />
      <View className="gap-top">
        <Check id="vote-anonymous" checked={anonymous} onChange={setAnonymous}>
          匿名投票（投票中只显示参与人数，谁投了什么谁都看不到）
        </Check>
      </View>
      <Field
        id="vote-proxy-cap"
        label="一人最多替几户投票（委托）"
        type="number"
        value={proxyCap}
        onChange={setProxyCap}
        maxlength={2}
        hint="填0就是不允许委托"
        error={e.proxyCap}
      />

      <View className="row row--wrap gap-top">
        <View className="grow">
          <Field
            id="vote-opens-date"
            label="开始日期（可不填，就是马上开始）"
            value={opensDate}
            onChange={setOpensDate}
            placeholder="例如：2026-12-05"
            maxlength={10}
            error={e.opensAt}
          />
        </View>
        <View className="grow">
          <Field
            id="vote-opens-time"
            label="开始时间"
            value={opensTime}
            onChange={setOpensTime}
            placeholder="例如：08:00"
            maxlength={5}
          />
        </View>
      </View>
      <View className="row row--wrap">
        <View className="grow">
          <Field
            id="vote-closes-date"
            label="截止日期"
            value={closesDate}
            onChange={setClosesDate}
            placeholder="例如：2026-12-20"
            maxlength={10}
            error={e.closesAt}
          />
        </View>
        <View className="grow">
          <Field
            id="vote-closes-time"
            label="截止时间"
            value={closesTime}
            onChange={setClosesTime}
            placeholder="例如：18:00"
            maxlength={5}
          />
        </View>
      </View>

      {missing ? (
        <View className="agora-warning gap-top" id="vote-missing-area">
          <Text className="t-body t-block">
            还有{missing.count}户房屋没有登记面积，业主投票要按面积计票，请先补全。
          </Text>
          {missing.examples.length > 0 ? (
            <Text className="t-body t-block" id="vote-missing-area-examples">
              例如：{missing.examples.join('、')}
            </Text>
          ) : null}
          <Button
            id="vote-missing-area-go"
            className="btn btn--plain gap-top"
            onClick={() => go(routes.adminHouseholds)}
          >
            去楼栋房屋补面积
          </Button>
        </View>
      ) : (
        <FormError id="vote-new-form-error" message={sending.formError} retry={sending.retry} />
      )}
      <Button
        id="vote-new-send"
        className="btn btn--primary btn--block gap-top"
        disabled={sending.busy || undefined}
        onClick={() => void send()}
      >
        {sending.busy ? '正在发起…' : '发起投票'}
      </Button>
    </View>
  );
}
