import { Button, Text, View } from '@tarojs/components';
import { signInWithWechat } from '../../api/session';
import { go, routes } from '../../lib/routes';

/** What a non-member sees on a page of the board (加入本社区后可查看), with the way in. */
export function MembersOnly(props: { id: string; communityId: number | null; signedIn: boolean; what: string }) {
  const { communityId } = props;
  return (
    <View className="card" id={props.id}>
      <Text className="t-title t-block">加入本社区后可查看</Text>
      <Text className="t-body t-block gap-top">{props.what}只给本社区的居民看。住在这里？申请加入后就能看到。</Text>
      <Button
        id="board-join"
        className="btn btn--primary btn--block gap-top"
        onClick={() => go(communityId ? routes.join(communityId) : routes.committees)}
      >
        {communityId ? '申请加入' : '找居委，申请加入'}
      </Button>
      {props.signedIn ? null : (
        <Button
          id="board-sign-in"
          className="btn btn--plain btn--block"
          onClick={() => signInWithWechat().catch(() => undefined)}
        >
          我已经是居民，登录查看
        </Button>
      )}
    </View>
  );
}
