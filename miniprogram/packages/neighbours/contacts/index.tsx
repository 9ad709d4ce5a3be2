import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { NEIGHBOUR_GONE, NEIGHBOUR_NO_NAME } from '../../../../shared/domain/neighbour-card';
import { contactViewLabels } from '../../../../shared/domain/neighbour-contact';
import { ListState } from '../../../components/ListState';
import { useNeighbourGate } from '../../../components/neighbours/gate';
import { PageShell } from '../../../components/PageShell';
import { type ContactListItem, type ContactsBox, neighbours, useContacts } from '../../../hooks/neighbours';
import { cx, formatDateTime } from '../../../lib/format';
import { go, routes } from '../../../lib/routes';
import '../../../components/neighbours/neighbours.css';
import { NeighboursOutside } from '../../../components/neighbours/Outside';

const nameOf = (c: ContactListItem) => (c.other ? (c.other.displayName ?? NEIGHBOUR_NO_NAME) : NEIGHBOUR_GONE);

/** 邻居来往: 请求 (to answer first, then the ones sent) and 聊天 (the accepted threads). */
export default function NeighbourContacts() {
  const gate = useNeighbourGate();
  const [box, setBox] = useState<ContactsBox>(gate.params.box === 'requests' ? 'requests' : 'threads');
  const list = useContacts(gate.communityId, box, gate.ready);
  const [busy, setBusy] = useState<number | null>(null);

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && gate.ready) void list.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (list.hasMore) void list.loadMore();
  });

  if (gate.outside)
    return (
      <NeighboursOutside
        pageId="neighbour-contacts"
        title="邻居来往"
        communityId={gate.communityId}
        signedIn={gate.signedIn}
      />
    );
  const cid = gate.communityId as number;

  const move = async (c: ContactListItem, verb: 'accept' | 'decline' | 'withdraw') => {
    setBusy(c.id);
    try {
      const next = await neighbours[verb]({ communityId: cid, contactId: c.id });
      list.update((items) => items.map((x) => (x.id === c.id ? { ...x, view: next.view } : x)));
      const words = { accept: '已同意，可以聊天了', decline: '已婉拒，对方只会看到“暂时不方便”', withdraw: '已撤回' };
      void Taro.showToast({ title: words[verb], icon: 'none' });
      if (verb === 'accept') go(routes.neighbourThread(cid, c.id));
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
      void list.reload();
    } finally {
      setBusy(null);
    }
  };

  const withdraw = async (c: ContactListItem) => {
    const { confirm } = await Taro.showModal({
      title: '撤回请求',
      content: '撤回后对方就看不到这个请求了。确定撤回吗？',
      confirmText: '撤回',
      cancelText: '再等等',
    });
    if (confirm) await move(c, 'withdraw');
  };

  return (
    <PageShell id="neighbour-contacts" title="邻居来往">
      <View className="chips" id="contacts-tabs">
        <View
          id="contacts-tab-requests"
          className={cx('chip', box === 'requests' && 'chip--on')}
          onClick={() => setBox('requests')}
        >
          请求
        </View>
        <View
          id="contacts-tab-threads"
          className={cx('chip', box === 'threads' && 'chip--on')}
          onClick={() => setBox('threads')}
        >
          聊天
        </View>
      </View>
      <ListState
        list={list}
        emptyText={box === 'requests' ? '现在没有请求' : '还没有和邻居聊过。在“找邻居”里找到邻居，发个请求吧。'}
        emptyAction={
          <Button id="contacts-find" className="btn btn--primary" onClick={() => go(routes.neighbours(cid))}>
            去找邻居
          </Button>
        }
      >
        {(items) =>
          items.map((c) => (
            <View
              key={c.id}
              id={`contact-${c.id}`}
              className="item neighbour-contact"
              onClick={() =>
                c.view === 'accepted' || box === 'threads' ? go(routes.neighbourThread(cid, c.id)) : undefined
              }
            >
              <View className="row row--between">
                <Text className="item-title grow" id={`contact-${c.id}-name`}>
                  {nameOf(c)}
                </Text>
                {c.unread > 0 ? (
                  <Text className="tag tag--danger neighbour-unread" id={`contact-${c.id}-unread`}>
                    {c.unread > 99 ? '99+' : c.unread}条新消息
                  </Text>
                ) : null}
              </View>
              {box === 'threads' ? (
                <Text className="item-line t-body neighbour-words" id={`contact-${c.id}-last`}>
                  {c.lastMessage ?? c.request}
                </Text>
              ) : (
                <Text className="item-line t-body neighbour-words" id={`contact-${c.id}-request`}>
                  “{c.request}”
                </Text>
              )}
              <Text className="item-line t-small" id={`contact-${c.id}-view`}>
                {contactViewLabels[c.view]} · {formatDateTime(c.lastMessageAt ?? c.createdAt)}
              </Text>
              {box === 'requests' && c.view === 'to_answer' ? (
                <View className="btn-row gap-top">
                  <Button
                    id={`contact-${c.id}-accept`}
                    className="btn btn--primary"
                    disabled={busy === c.id || undefined}
                    onClick={(e) => {
                      (e as { stopPropagation?: () => void }).stopPropagation?.();
                      void move(c, 'accept');
                    }}
                  >
                    同意
                  </Button>
                  <Button
                    id={`contact-${c.id}-decline`}
                    className="btn btn--plain"
                    disabled={busy === c.id || undefined}
                    onClick={(e) => {
                      (e as { stopPropagation?: () => void }).stopPropagation?.();
                      void move(c, 'decline');
                    }}
                  >
                    婉拒
                  </Button>
                </View>
              ) : null}
              {box === 'requests' && c.view === 'waiting' ? (
                <Button
                  id={`contact-${c.id}-withdraw`}
                  className="btn btn--plain btn--small gap-top"
                  disabled={busy === c.id || undefined}
                  onClick={(e) => {
                    (e as { stopPropagation?: () => void }).stopPropagation?.();
                    void withdraw(c);
                  }}
                >
                  撤回
                </Button>
              ) : null}
            </View>
          ))
        }
      </ListState>
    </PageShell>
  );
}
