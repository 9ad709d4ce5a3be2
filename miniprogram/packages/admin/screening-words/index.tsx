import { Text, View } from '@tarojs/components';
import { AdminShell } from '../../../components/AdminShell';
import { ErrorState, Loading } from '../../../components/StateView';
import { useAdminCommunity } from '../../../hooks/admin';
import { useCommunityWords, usePlatformWords } from '../../../hooks/screening';
import { WordsCard } from './WordsCard';
import './index.css';

/**
 * 敏感词: a moderator keeps the community's list and sees the platform's (read-only); a
 * platform admin also keeps the platform's. Posts and comments with a listed word are refused,
 * naming the word (docs/decisions/018-screening.md).
 */
export default function AdminScreeningWords() {
  return (
    <AdminShell id="admin-screening-words" section="screening" needsCommunity={false}>
      {(communityId) => <ScreeningWords communityId={communityId} />}
    </AdminShell>
  );
}

function ScreeningWords({ communityId }: { communityId: number }) {
  const { isAdmin } = useAdminCommunity();
  const community = useCommunityWords(communityId);
  const platform = usePlatformWords(isAdmin);

  return (
    <View className="admin-list">
      <Text className="t-small t-block">
        居民发的留言和评论含有这些词时发不出去，会告诉他是哪个词。每次添加和删除都记在操作记录里。
      </Text>
      {communityId > 0 ? (
        community.loading && !community.data ? (
          <Loading id="words-loading" />
        ) : community.error ? (
          <ErrorState id="words-error" error={community.error} onRetry={community.reload} admin />
        ) : community.data ? (
          <>
            <WordsCard
              id="community-words"
              title="本社区的敏感词"
              note="只对本社区有效。"
              list={{ kind: 'community', communityId }}
              words={community.data.community}
              editable
              onChange={(words) => community.setData((prev) => (prev ? { ...prev, community: words } : prev))}
            />
            {isAdmin ? null : (
              <WordsCard
                id="platform-words-readonly"
                title="平台敏感词"
                note="所有社区都用，由平台管理员维护，这里只能查看。"
                list={{ kind: 'platform' }}
                words={community.data.platform}
                editable={false}
                onChange={() => undefined}
              />
            )}
          </>
        ) : null
      ) : null}
      {isAdmin ? (
        platform.loading && !platform.data ? (
          <Loading id="platform-loading" />
        ) : platform.error ? (
          <ErrorState id="platform-error" error={platform.error} onRetry={platform.reload} admin />
        ) : platform.data ? (
          <WordsCard
            id="platform-words"
            title="平台敏感词"
            note="所有社区都用。"
            list={{ kind: 'platform' }}
            words={platform.data}
            editable
            onChange={(words) => platform.setData(words)}
          />
        ) : null
      ) : null}
    </View>
  );
}
