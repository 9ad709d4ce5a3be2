import { Button, Text, View } from '@tarojs/components';
import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect } from 'react';
import { ensureSession, useSession } from '../../../api/session';
import { adoptedText } from '../../../components/agora/text';
import { PageShell } from '../../../components/PageShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { useHouseRules } from '../../../hooks/agora';
import { formatDate } from '../../../lib/format';
import { go, intParam, routes } from '../../../lib/routes';
import '../../../components/agora/resident.css';

/** 住户守则 in force (public), how it was adopted, earlier versions, and the amendment under way. */
export default function AgoraRules() {
  const params = useRouter().params;
  const session = useSession();
  const communityId = intParam(params.communityId) ?? session.me?.currentCommunityId ?? null;
  const rules = useHouseRules(communityId);
  const d = rules.data;
  const member = session.me?.memberships.some((m) => m.communityId === communityId && m.status === 'approved');

  useEffect(() => {
    ensureSession().catch(() => undefined);
  }, []);
  useShareAppMessage(() => ({
    title: '住户守则',
    path: communityId ? routes.houseRules(communityId) : routes.home,
  }));

  let content: JSX.Element;
  if (communityId === null || rules.error?.code === 'NOT_FOUND') {
    content = (
      <View className="state" id="rules-missing">
        <Text className="state-text t-body">没有找到这个社区</Text>
      </View>
    );
  } else if (rules.error) {
    content = <ErrorState error={rules.error} onRetry={rules.reload} />;
  } else if (!d) {
    content = <Loading />;
  } else {
    content = (
      <View>
        {d.current ? (
          <View className="card" id="rules-current">
            <Text className="t-hero t-block" id="rules-title">
              {d.current.title}
            </Text>
            <Text className="t-body t-block gap-top agora-met" id="rules-adopted">
              {adoptedText(d.current)}
            </Text>
            <Text className="t-small t-block">第 {d.current.version} 版</Text>
            <Text className="t-body t-block gap-top agora-text" id="rules-body">
              {d.current.body}
            </Text>
            {member ? (
              <Text
                className="link t-body t-block gap-top"
                id="rules-vote"
                onClick={() => go(routes.voteResult(communityId, d.current?.voteId as number))}
              >
                看表决结果
              </Text>
            ) : null}
          </View>
        ) : (
          <View className="state" id="rules-none">
            <Text className="state-text t-body">本社区还没有表决通过的住户守则</Text>
          </View>
        )}
        {d.pendingTopicId ? (
          <View className="card agora-banner agora-banner--warn" id="rules-pending">
            <Text className="t-body t-block">
              {d.current ? '守则的修改正在讨论或投票中。' : '守则草案正在讨论或投票中。'}
            </Text>
            <Button
              id="rules-pending-open"
              className="btn btn--primary btn--block gap-top"
              onClick={() => go(routes.topic(communityId, d.pendingTopicId as number))}
            >
              去看看，说说意见
            </Button>
          </View>
        ) : null}
        {d.history.length ? (
          <View className="card" id="rules-history">
            <Text className="t-title t-block">历次版本</Text>
            {d.history.map((h) => (
              <View key={h.id} className="agora-figure-row" id={`rules-version-${h.version}`}>
                <Text className="t-body">第 {h.version} 版</Text>
                <Text className="t-body">{formatDate(h.adoptedAt)}通过</Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <PageShell id="agora-rules" title="住户守则">
      {content}
    </PageShell>
  );
}
