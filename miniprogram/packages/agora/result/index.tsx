import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect } from 'react';
import { ballotChannelLabels, voteElectorateLabels, voteRuleLabels } from '../../../../shared/enums';
import { ensureSession, signInWithWechat, useSession } from '../../../api/session';
import { ResultBars, ThresholdLine } from '../../../components/agora/ResultView';
import { areaText } from '../../../components/agora/text';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { isOutsider, useVoteResult } from '../../../hooks/agora';
import { isH5 } from '../../../lib/env';
import { formatDateTime } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import '../../../components/agora/resident.css';

function Figure(props: { id: string; label: string; value: string }) {
  return (
    <View className="agora-figure-row" id={props.id}>
      <Text className="t-body">{props.label}</Text>
      <Text className="t-body">{props.value}</Text>
    </View>
  );
}

/** 公示: a closed vote's frozen figures, every threshold and the rule applied; prints on one A4 page. */
export default function AgoraResult() {
  const params = useRouter().params;
  const communityId = intParam(params.communityId);
  const voteId = intParam(params.id);
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const page = useVoteResult(communityId, voteId, signedIn);
  const d = page.data;

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  useShareAppMessage(() => ({
    title: d ? `投票结果公示：${d.vote.title}` : '投票结果公示',
    path: communityId && voteId ? routes.voteResult(communityId, voteId) : routes.home,
  }));

  const code = page.error?.code;
  const outsider = code === 'NOT_FOUND' && isOutsider(session, communityId);
  let content: JSX.Element;
  if (communityId === null || voteId === null || (code === 'NOT_FOUND' && !outsider)) {
    content = (
      <View className="state" id="result-missing">
        <Text className="state-text t-body">没有找到这次投票</Text>
      </View>
    );
  } else if (code === 'INVALID_STATE') {
    content = (
      <View className="state" id="result-not-yet">
        <Text className="state-text t-body">投票还没有结束，结束后才有公示</Text>
        <Button id="result-to-vote" className="btn btn--primary" onClick={() => go(routes.vote(communityId, voteId))}>
          去投票页
        </Button>
      </View>
    );
  } else if (code === 'FORBIDDEN' || outsider || session.status === 'signed-out') {
    content = (
      <View className="card" id="result-members-only">
        <Text className="t-title t-block">加入本社区后可查看</Text>
        <Button
          id="result-join"
          className="btn btn--primary btn--block gap-top"
          onClick={() => go(routes.join(communityId))}
        >
          申请加入
        </Button>
        {signedIn ? null : (
          <Button
            id="result-sign-in"
            className="btn btn--plain btn--block"
            onClick={() => signInWithWechat().catch(() => undefined)}
          >
            我已经是居民，登录查看
          </Button>
        )}
      </View>
    );
  } else if (page.error) {
    content = <ErrorState error={page.error} onRetry={page.reload} />;
  } else if (!d) {
    content = <Loading />;
  } else {
    const v = d.vote;
    const r = v.result;
    const owners = v.electorate === 'owner';
    content = (
      <View>
        <View className="card" id="result-head">
          <Text className="t-body t-block" id="result-community">
            {d.communityName}
          </Text>
          <Text className="t-hero t-block agora-text" id="result-title">
            {v.title}
          </Text>
          <Text className="t-body t-block gap-top" id="result-dates">
            投票时间：{formatDateTime(v.opensAt)} 至 {formatDateTime(v.closedAt ?? v.closesAt)}
          </Text>
          <Text className="t-body t-block" id="result-electorate">
            谁可以投：{voteElectorateLabels[v.electorate]}
            {v.buildings?.length ? `，限${v.buildings.map((b) => b.name).join('、')}` : '，全小区'}
          </Text>
          <Text className="agora-outcome t-block" id="result-outcome">
            {d.outcomeText}
          </Text>
        </View>
        <View className="card" id="result-rule">
          <Text className="t-title t-block">计票规则：{voteRuleLabels[v.rule]}</Text>
          {v.ruleText.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the server's lines in order
            <Text key={i} className="t-body t-block">
              {line}
            </Text>
          ))}
        </View>
        {r ? (
          <View className="card" id="result-figures">
            <Text className="t-title t-block">参与情况</Text>
            <Figure id="result-electors" label="可以投票" value={`${r.electors.count} 户`} />
            <Figure id="result-participated" label="参加投票" value={`${r.participated.count} 户`} />
            <Figure
              id="result-channels"
              label="投票方式"
              value={`${ballotChannelLabels.self} ${r.byChannel.self}，${ballotChannelLabels.proxy} ${r.byChannel.proxy}，${ballotChannelLabels.paper} ${r.byChannel.paper}`}
            />
            {owners ? (
              <Figure
                id="result-owners"
                label="业主人数 / 面积"
                value={`参加 ${r.participated.heads} / ${r.electors.heads} 人，${areaText(r.participated.areaCenti)} / ${areaText(r.electors.areaCenti)}`}
              />
            ) : null}
            {r.participation.map((t) => (
              <ThresholdLine key={t.key} id={`result-participation-${t.key}`} t={t} />
            ))}
            {r.silent.count > 0 ? (
              <Text className="t-small t-block gap-top" id="result-silent">
                已送达未表态的 {r.silent.count} 户按多数意见计入（依据：{v.silentMajorityBasis ?? '议事规则'}）
              </Text>
            ) : null}
          </View>
        ) : null}
        {r ? (
          <View className="card" id="result-votes">
            <Text className="t-title t-block">各选项得票</Text>
            <ResultBars result={r} electorate={v.electorate} thresholds />
          </View>
        ) : null}
        {r?.byBuilding.length ? (
          <View className="card" id="result-buildings">
            <Text className="t-title t-block">分楼栋（5票以上的楼栋）</Text>
            {r.byBuilding.map((b) => (
              <Figure
                key={b.buildingId}
                id={`result-building-${b.buildingId}`}
                label={d.buildingNames[String(b.buildingId)] ?? `楼栋${b.buildingId}`}
                value={`${b.ballots} 票：${b.options
                  .map((o) => `${r.options.find((x) => x.optionId === o.optionId)?.label ?? ''} ${o.ballots}`)
                  .join('，')}`}
              />
            ))}
          </View>
        ) : null}
        {isH5 ? (
          <Button id="result-print" className="btn btn--primary btn--block no-print" onClick={() => window.print()}>
            打印
          </Button>
        ) : null}
        <Button
          id="result-back-vote"
          className="btn btn--plain btn--block no-print"
          onClick={() => go(routes.vote(v.communityId, v.id))}
        >
          回到投票页
        </Button>
      </View>
    );
  }

  return (
    <PageShell id="agora-result" title="投票结果公示" className="agora-print">
      {content}
      {Taro.getCurrentPages().length <= 1 ? (
        <Button id="result-back-home" className="btn btn--plain btn--block gap-top" onClick={() => go(routes.home)}>
          回首页
        </Button>
      ) : null}
    </PageShell>
  );
}
