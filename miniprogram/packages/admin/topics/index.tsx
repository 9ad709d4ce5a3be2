import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { BodyOf } from '../../../../shared/contracts/route';
import { createCommitteeTopic } from '../../../../shared/contracts/topics';
import { type TopicKind, type TopicStage, topicStageLabels, topicStages } from '../../../../shared/enums';
import { AdminShell } from '../../../components/AdminShell';
import { Field, FormError } from '../../../components/Form';
import { ListState } from '../../../components/ListState';
import { newCommitteeTopic, type StaffTopicItem, useStaffTopics } from '../../../hooks/agora-admin';
import { useSubmit } from '../../../hooks/useSubmit';
import { cx } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';
import { checkWith } from '../../../lib/validation';
import '../../../components/agora/agora.css';

/** 议事厅管理: every topic by stage, the ones waiting for review first; 新建议题 and 起草住户守则. */
export default function AdminTopics() {
  return (
    <AdminShell id="admin-topics" section="topics">
      {(communityId) => <Topics communityId={communityId} />}
    </AdminShell>
  );
}

function Topics({ communityId }: { communityId: number }) {
  const [stage, setStage] = useState<TopicStage | null>(null);
  const [creating, setCreating] = useState<TopicKind | null>(null);
  const { list, counts } = useStaffTopics(communityId, stage);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });
  const total = topicStages.reduce((n, s) => n + (counts[s] ?? 0), 0);

  return (
    <View>
      <View className="btn-row" id="topics-actions">
        <Button id="topics-new" className="btn btn--primary" onClick={() => setCreating('proposal')}>
          新建议题
        </Button>
        <Button id="topics-new-rules" className="btn btn--plain" onClick={() => setCreating('house_rules')}>
          起草住户守则
        </Button>
      </View>
      {creating ? (
        <NewTopic
          communityId={communityId}
          kind={creating}
          onClose={() => setCreating(null)}
          onCreated={(id) => {
            setCreating(null);
            go(routes.adminTopic(id));
          }}
        />
      ) : null}
      <View className="chips tabs gap-top" id="topic-tabs">
        <View id="topic-tab-all" className={cx('chip', stage === null && 'chip--on')} onClick={() => setStage(null)}>
          全部 {total}
        </View>
        {topicStages.map((s) => (
          <View
            key={s}
            id={`topic-tab-${s}`}
            className={cx('chip', s === stage && 'chip--on')}
            onClick={() => setStage(s)}
          >
            {topicStageLabels[s]} {counts[s] ?? 0}
          </View>
        ))}
      </View>
      <ListState list={list} admin itemsClassName="admin-list" emptyText="这一栏没有议题">
        {(items) => items.map((t) => <TopicRow key={t.id} topic={t} />)}
      </ListState>
    </View>
  );
}

function TopicRow({ topic: t }: { topic: StaffTopicItem }) {
  return (
    <View id={`topic-${t.id}`} className="item" onClick={() => go(routes.adminTopic(t.id))}>
      <View className="row row--between">
        <Text className="item-title grow">
          {t.kind === 'house_rules' ? '【住户守则】' : ''}
          {t.title}
        </Text>
        <Text className={cx('tag', t.stage === 'reviewing' && 'tag--warn')}>{topicStageLabels[t.stage]}</Text>
      </View>
      <Text className="item-line t-small" id={`topic-${t.id}-meta`}>
        {t.authorLabel} · 附议 {t.cosignCount}/{t.cosignNeeded}户{t.state !== 'visible' ? ' · 待内容审核' : ''}
        {t.vote ? ` · 投票：${t.vote.title}` : ''}
      </Text>
      {t.nextStep ? (
        <Text className="item-line t-body" id={`topic-${t.id}-next`}>
          下一步：{t.nextStep}
        </Text>
      ) : null}
    </View>
  );
}

type NewKey = 'title' | 'body' | 'place' | 'plan';

function NewTopic(props: {
  communityId: number;
  kind: TopicKind;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const rules = props.kind === 'house_rules';
  const [title, setTitle] = useState(rules ? '住户守则' : '');
  const [body, setBody] = useState('');
  const [place, setPlace] = useState('');
  const [plan, setPlan] = useState('');
  const sending = useSubmit<NewKey>();
  const send = async () => {
    const input = {
      kind: props.kind,
      title,
      body,
      ...(place.trim() ? { place } : {}),
      ...(plan.trim() ? { plan } : {}),
    };
    const checked = checkWith<BodyOf<typeof createCommitteeTopic>, NewKey>(createCommitteeTopic.body, input);
    sending.setFieldErrors(checked.errors);
    const checkedBody = checked.body;
    if (!checkedBody) return;
    const created = await sending.submit(() => newCommitteeTopic(props.communityId, checkedBody));
    if (created) props.onCreated(created.id);
  };
  return (
    <View className="card gap-top" id="topic-new">
      <Text className="t-title t-block">{rules ? '起草住户守则' : '新建议题'}</Text>
      <Text className="t-small t-block">
        {rules
          ? '守则草案直接进入议事，居民可以提意见；定稿后发起投票（居民会议规则），通过后公布。'
          : '居委会提出的议题不需要附议，直接进入议事。'}
      </Text>
      <Field
        id="topic-new-title"
        label="标题"
        value={title}
        onChange={setTitle}
        maxlength={40}
        error={sending.fieldErrors.title}
      />
      <Field
        id="topic-new-body"
        label={rules ? '守则全文' : '想做什么、为什么'}
        value={body}
        onChange={setBody}
        multiline
        maxlength={rules ? 10000 : 2000}
        placeholder={rules ? '第一条 …' : '例如：在3号楼旁增设电动车充电桩，解决飞线充电的安全隐患'}
        error={sending.fieldErrors.body}
      />
      {rules ? null : (
        <Field
          id="topic-new-place"
          label="地点（可不填）"
          value={place}
          onChange={setPlace}
          maxlength={40}
          error={sending.fieldErrors.place}
        />
      )}
      <Field
        id="topic-new-plan"
        label="居委打算怎么办（可不填）"
        value={plan}
        onChange={setPlan}
        multiline
        maxlength={500}
        error={sending.fieldErrors.plan}
      />
      <FormError id="topic-new-form-error" message={sending.formError} retry={sending.retry} />
      <View className="btn-row gap-top">
        <Button
          id="topic-new-send"
          className="btn btn--primary"
          disabled={sending.busy || undefined}
          onClick={() => void send()}
        >
          {sending.busy ? '正在提交…' : rules ? '提交草案' : '提交议题'}
        </Button>
        <Button id="topic-new-cancel" className="btn btn--plain" onClick={props.onClose}>
          取消
        </Button>
      </View>
    </View>
  );
}
