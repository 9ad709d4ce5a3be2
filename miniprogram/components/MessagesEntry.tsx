import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { useSession } from '../api/session';
import { useUnreadMessages } from '../hooks/messages';
import { go, routes } from '../lib/routes';

/** The way into 消息, with how many are unread (home and 我的); shown once signed in. */
export function MessagesEntry(props: { id: string }) {
  const session = useSession();
  const signedIn = session.status === 'signed-in';
  const unread = useUnreadMessages(signedIn);
  // Back from 消息 (or anywhere): the count may have changed. The first show already loads.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && signedIn) void unread.reload();
    shown.current = true;
  });
  if (!signedIn) return null;
  const count = unread.data;
  return (
    <View id={props.id} className="card row row--between messages-entry" onClick={() => go(routes.messages)}>
      <Text className="t-body grow">消息</Text>
      {count === null ? null : count > 0 ? (
        <Text className="tag tag--danger" id={`${props.id}-unread`}>
          {count > 99 ? '99+' : count} 条未读
        </Text>
      ) : (
        <Text className="t-small">没有未读</Text>
      )}
      <Text className="t-muted messages-entry-arrow">〉</Text>
    </View>
  );
}
