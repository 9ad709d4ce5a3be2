import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useSession } from '../../../api/session';
import { MembersOnly } from '../../../components/board/MembersOnly';
import { ListState } from '../../../components/ListState';
import { PageShell } from '../../../components/PageShell';
import { usePublicLog } from '../../../hooks/moderation';
import { intParam } from '../../../lib/routes';
import { logSentence } from './sentence';

export default function ModerationLog() {
  const communityId = intParam(useRouter().params.communityId);
  const log = usePublicLog(communityId);
  const signedIn = useSession().status === 'signed-in';
  // Another community's log does not exist for the caller: say how to join, not 没有找到.
  const denied = communityId === null || log.error?.code === 'FORBIDDEN' || log.error?.code === 'NOT_FOUND';
  if (denied) {
    return (
      <PageShell id="moderation-log" title="处理记录">
        <MembersOnly id="moderation-log-members-only" communityId={communityId} signedIn={signedIn} what="处理记录" />
      </PageShell>
    );
  }
  return (
    <PageShell id="moderation-log" title="处理记录">
      <Text className="t-body t-block">
        留言板上被隐藏、删除或恢复的内容都记在这里，让大家知道为什么。这里不显示内容和作者。
      </Text>
      <View className="gap-top">
        <ListState list={log} emptyText="还没有处理过的内容">
          {(items) =>
            items.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a line carries no id by design (it must not name the item)
              <View key={`${line.at}-${i}`} className="item" id={`log-${i}`}>
                <Text className="t-body t-block">{logSentence(line)}</Text>
              </View>
            ))
          }
        </ListState>
      </View>
    </PageShell>
  );
}
