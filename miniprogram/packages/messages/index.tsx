import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import type { MessageView } from '../../../shared/contracts/messages';
import { ListState } from '../../components/ListState';
import { PageShell } from '../../components/PageShell';
import { readAllMessages, readMessage, useMessages } from '../../hooks/messages';
import { cx, formatDateTime } from '../../lib/format';
import { go, routes } from '../../lib/routes';
import './index.css';

/** 消息: everything the app has told this user, in the app itself (no WeChat consent needed). */
export default function Messages() {
  const list = useMessages();
  const [busy, setBusy] = useState(false);
  useReachBottom(() => void list.loadMore());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const anyUnread = list.items.some((m) => !m.read);

  const open = async (m: MessageView) => {
    if (!m.read) {
      list.update((items) => items.map((x) => (x.id === m.id ? { ...x, read: true } : x)));
      // Told before leaving, so the page it opens counts it read; a failure only leaves it unread there.
      await readMessage(m.id).catch(() => undefined);
    }
    if (m.link) go(m.link);
  };

  const readAll = async () => {
    setBusy(true);
    try {
      await readAllMessages();
      list.update((items) => items.map((x) => ({ ...x, read: true })));
      void Taro.showToast({ title: '已全部标为已读', icon: 'none' });
    } catch {
      // the api client showed the message
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell id="messages" title="消息">
      <View className="btn-row messages-actions">
        <Button id="messages-settings" className="btn btn--plain btn--small" onClick={() => go(routes.messageSettings)}>
          消息设置
        </Button>
        {list.status === 'ready' && list.items.length > 0 ? (
          <Button
            id="messages-read-all"
            className="btn btn--plain btn--small"
            disabled={busy || !anyUnread || undefined}
            onClick={() => void readAll()}
          >
            全部已读
          </Button>
        ) : null}
      </View>
      <ListState list={list} emptyText="还没有消息">
        {(items) =>
          items.map((m) => (
            <View
              key={m.id}
              id={`message-${m.id}`}
              className={cx('item', 'message', !m.read && 'message--unread')}
              onClick={() => void open(m)}
            >
              <View className="row row--between">
                <Text className="item-title grow">{m.title}</Text>
                {m.read ? null : (
                  <Text className="tag tag--danger" id={`message-unread-${m.id}`}>
                    未读
                  </Text>
                )}
              </View>
              {m.body ? <Text className="item-line t-body">{m.body}</Text> : null}
              <Text className="item-line t-small">{formatDateTime(m.createdAt)}</Text>
            </View>
          ))
        }
      </ListState>
    </PageShell>
  );
}
