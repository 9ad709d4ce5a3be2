import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { cancelVote, type VoteDetail } from '../../../../shared/contracts/votes';
import { outcomeText } from '../../../../shared/domain/tally-text';
import {
  ballotChannelLabels,
  voteElectorateLabels,
  voteKindLabels,
  voteRuleLabels,
  voteStatusLabels,
} from '../../../../shared/enums';
import { showError } from '../../../api/client';
import { AdminShell } from '../../../components/AdminShell';
import { Check } from '../../../components/Form';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { ErrorState, Loading } from '../../../components/StateView';
import {
  ballotsXlsxRequest,
  ELECTORS_PAGE,
  type ElectorRow,
  stopVote,
  useElectors,
  useVote,
} from '../../../hooks/agora-admin';
import { useAdminBuildings } from '../../../hooks/households-admin';
import { cx, formatDateTime } from '../../../lib/format';
import { downloadXlsx } from '../../../lib/notice-files';
import { go, intParam, routes } from '../../../lib/routes';
import { PaperBallotDialog } from './PaperBallotDialog';
import { ServiceDialog } from './ServiceDialog';
import '../../../components/agora/agora.css';

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

export default function AdminVoteDetail() {
  const id = intParam(useRouter().params.id);
  return (
    <AdminShell id="admin-vote-detail" section="votes">
      {(communityId) =>
        id === null ? (
          <Text className="state-text t-body">找不到这个投票</Text>
        ) : (
          <Detail communityId={communityId} id={id} />
        )
      }
    </AdminShell>
  );
}

function Detail(props: { communityId: number; id: number }) {
  const vote = useVote(props.communityId, props.id);
  const [cancelling, setCancelling] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [electorsVersion, setElectorsVersion] = useState(0);
  if (vote.loading && !vote.data) return <Loading />;
  if (vote.error) return <ErrorState id="vote-error" error={vote.error} onRetry={vote.reload} admin />;
  if (!vote.data) return <Loading />;
  const v = vote.data;
  const live = v.status === 'open' || v.status === 'draft';

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadXlsx(await ballotsXlsxRequest(props.communityId, v.id), `投票明细-${v.id}.xlsx`);
    } catch {
      showError('没有导出成功，请稍后再试');
    } finally {
      setExporting(false);
    }
  };

  return (
    <View id="vote-detail">
      <View className="card">
        <View className="row row--between">
          <Text className="t-title grow" id="vote-title">
            {v.title}
          </Text>
          <Text className="tag" id="vote-status">
            {voteStatusLabels[v.status]}
          </Text>
        </View>
        {v.topicTitle && v.topicId ? (
          <Button
            className="btn btn--plain gap-top"
            id="vote-topic"
            onClick={() => go(routes.adminTopic(v.topicId as number))}
          >
            议题：{v.topicTitle}
          </Button>
        ) : null}
        <Text className="t-small t-block">
          {voteKindLabels[v.kind]} · {voteElectorateLabels[v.electorate]}
          {v.buildings ? ` · ${v.buildings.map((b) => b.name).join('、')}` : ' · 全小区'}
          {v.anonymous ? ' · 匿名' : ''}
        </Text>
        <Text className="t-small t-block">
          {v.opensAt ? `开始 ${formatDateTime(v.opensAt)} · ` : ''}截止 {formatDateTime(v.closesAt)}
        </Text>
        <Text className="t-hero t-block gap-top" id="vote-turnout">
          已投 {v.turnout.ballots} / {v.turnout.electors}
        </Text>
        <Text className="field-label gap-top">计票规则：{voteRuleLabels[v.rule]}</Text>
        <View id="vote-rule-lines">
          {v.ruleText.map((line) => (
            <Text key={line} className="t-body t-block">
              · {line}
            </Text>
          ))}
        </View>
        {v.silentMajority ? (
          <Text className="t-small t-block gap-top" id="vote-silent">
            送达后未表态的视为同意多数（依据：{v.silentMajorityBasis ?? ''}）
          </Text>
        ) : null}
      </View>

      <Figures vote={v} />

      <View className="agora-row-actions gap-top" id="vote-actions">
        <Button
          id="vote-export"
          className="btn btn--plain"
          disabled={exporting || undefined}
          onClick={() => void exportXlsx()}
        >
          {exporting ? '正在导出…' : '导出投票明细'}
        </Button>
        {v.status === 'closed' ? (
          <Button
            id="vote-result-link"
            className="btn btn--primary"
            onClick={() => go(routes.voteResult(props.communityId, v.id))}
          >
            查看结果公示
          </Button>
        ) : null}
        {live ? (
          <Button id="vote-cancel" className="btn btn--danger" onClick={() => setCancelling(true)}>
            取消投票
          </Button>
        ) : null}
      </View>

      <Electors
        key={electorsVersion}
        communityId={props.communityId}
        vote={v}
        onChanged={() => {
          setElectorsVersion((n) => n + 1);
          void vote.reload();
        }}
      />

      {cancelling ? (
        <ReasonDialog
          id="vote-cancel"
          title="取消这次投票"
          explain="取消后不再计票，已投的票保留。取消的原因所有居民都能看到。"
          label="取消的原因"
          placeholder="例如：方案有变，重新征求意见后再投票"
          maxLength={200}
          confirmText="确认取消"
          busyText="正在取消…"
          keepText="不取消"
          schema={cancelVote.body}
          send={(reason) => stopVote(props.communityId, v.id, reason)}
          onDone={(next: VoteDetail) => {
            vote.setData(next);
            setCancelling(false);
            toast('投票已取消');
          }}
          onClose={() => setCancelling(false)}
        />
      ) : null}
    </View>
  );
}

/** The figures (live when the vote says so, or after the close): each option and every threshold. */
function Figures({ vote: v }: { vote: VoteDetail }) {
  const r = v.result;
  if (!r) {
    return (
      <View className="card gap-top" id="vote-figures-hidden">
        <Text className="t-body">结果在投票结束后公布。</Text>
      </View>
    );
  }
  return (
    <View className="card gap-top" id="vote-figures">
      <Text className="section-title">{v.status === 'closed' ? `结果：${outcomeText(r)}` : '目前的票数'}</Text>
      <Text className="t-small t-block">
        本人投票{r.byChannel.self} · 委托投票{r.byChannel.proxy} · 纸质票代录{r.byChannel.paper}
      </Text>
      {r.participation.map((th) => (
        <Text key={th.key} className={cx('t-body t-block', th.met ? 't-ok' : 't-danger')}>
          {th.label}：{th.value.num}/{th.value.den}（要求 {th.required.num}/{th.required.den}）
          {th.met ? '达到' : '未达到'}
        </Text>
      ))}
      {r.options.map((o) => (
        <View key={o.optionId} className="item" id={`vote-figure-${o.optionId}`}>
          <Text className="item-title">
            {o.label}：{o.ballots}票{o.approved ? '（通过）' : ''}
          </Text>
          {o.approval.map((th) => (
            <Text key={th.key} className="item-line t-small">
              {th.label}：{th.value.num}/{th.value.den}（要求 {th.required.num}/{th.required.den}）
              {th.met ? '达到' : '未达到'}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function Electors(props: { communityId: number; vote: VoteDetail; onChanged: () => void }) {
  const v = props.vote;
  const allBuildings = useAdminBuildings(props.communityId);
  const buildings = v.buildings ?? allBuildings.data ?? [];
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const [voted, setVoted] = useState<boolean | null>(null);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const [paperFor, setPaperFor] = useState<ElectorRow | null>(null);
  const [serving, setServing] = useState(false);
  const electors = useElectors(props.communityId, v.id, { buildingId, voted, offset });
  const open = v.status === 'open';
  const canServe = open && v.silentMajority;
  const filter = (b: number | null, x: boolean | null) => {
    setBuildingId(b);
    setVoted(x);
    setOffset(0);
  };
  const total = electors.data?.total ?? 0;

  return (
    <View className="card gap-top" id="vote-electors">
      <Text className="section-title">投票名单（{total}）</Text>
      <View className="chips" id="electors-buildings">
        <View
          id="electors-building-all"
          className={cx('chip', buildingId === null && 'chip--on')}
          onClick={() => filter(null, voted)}
        >
          全部楼栋
        </View>
        {buildings.map((b) => (
          <View
            key={b.id}
            id={`electors-building-${b.id}`}
            className={cx('chip', buildingId === b.id && 'chip--on')}
            onClick={() => filter(b.id, voted)}
          >
            {b.name}
          </View>
        ))}
      </View>
      <View className="chips" id="electors-voted">
        {(
          [
            [null, '全部', 'all'],
            [true, '已投', 'yes'],
            [false, '未投', 'no'],
          ] as const
        ).map(([value, label, key]) => (
          <View
            key={key}
            id={`electors-voted-${key}`}
            className={cx('chip', voted === value && 'chip--on')}
            onClick={() => filter(buildingId, value)}
          >
            {label}
          </View>
        ))}
      </View>
      {canServe ? (
        <Button
          id="electors-serve"
          className="btn btn--plain"
          disabled={selected.length === 0 || undefined}
          onClick={() => setServing(true)}
        >
          登记送达（已选{selected.length}户）
        </Button>
      ) : null}
      {electors.loading && !electors.data ? <Loading /> : null}
      {electors.error ? <ErrorState error={electors.error} onRetry={electors.reload} admin /> : null}
      {(electors.data?.items ?? []).map((row) => (
        <View key={row.electorId} className="agora-table-row" id={`elector-${row.electorId}`}>
          {canServe ? (
            <Check
              id={`elector-select-${row.electorId}`}
              checked={selected.includes(row.electorId)}
              onChange={(on) =>
                setSelected((prev) => (on ? [...prev, row.electorId] : prev.filter((x) => x !== row.electorId)))
              }
            >
              {row.label}
            </Check>
          ) : (
            <Text className="t-body grow">{row.label}</Text>
          )}
          <Text className="t-small" id={`elector-${row.electorId}-state`}>
            {row.voted && row.channel ? ballotChannelLabels[row.channel] : '未投'}
            {row.servedAt ? ` · 已送达 ${formatDateTime(row.servedAt)}` : ''}
            {row.hasProxy ? ' · 有委托' : ''}
          </Text>
          {open ? (
            <Button
              id={`elector-paper-${row.electorId}`}
              className="btn btn--plain btn--small"
              onClick={() => setPaperFor(row)}
            >
              代录纸质票
            </Button>
          ) : null}
        </View>
      ))}
      <View className="btn-row gap-top" id="electors-paging">
        {offset > 0 ? (
          <Button
            id="electors-prev"
            className="btn btn--plain"
            onClick={() => setOffset(Math.max(0, offset - ELECTORS_PAGE))}
          >
            上一页
          </Button>
        ) : null}
        {offset + ELECTORS_PAGE < total ? (
          <Button id="electors-next" className="btn btn--plain" onClick={() => setOffset(offset + ELECTORS_PAGE)}>
            下一页
          </Button>
        ) : null}
      </View>
      {paperFor ? (
        <PaperBallotDialog
          communityId={props.communityId}
          vote={v}
          elector={paperFor}
          onDone={() => {
            setPaperFor(null);
            toast('已代录');
            props.onChanged();
          }}
          onClose={() => setPaperFor(null)}
        />
      ) : null}
      {serving ? (
        <ServiceDialog
          communityId={props.communityId}
          voteId={v.id}
          electorIds={selected}
          onDone={(served) => {
            setServing(false);
            setSelected([]);
            toast(`已登记送达${served}户`);
            props.onChanged();
          }}
          onClose={() => setServing(false)}
        />
      ) : null}
    </View>
  );
}
