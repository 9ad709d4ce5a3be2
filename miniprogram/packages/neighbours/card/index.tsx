import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { NEIGHBOUR_NO_NAME } from '../../../../shared/domain/neighbour-card';
import { contactViewLabels } from '../../../../shared/domain/neighbour-contact';
import { ReportDialog } from '../../../components/board/ReportDialog';
import { useNeighbourGate } from '../../../components/neighbours/gate';
import { NeighbourCard } from '../../../components/neighbours/NeighbourCard';
import { RequestDialog } from '../../../components/neighbours/RequestDialog';
import { PageShell } from '../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { neighbours, useNeighbourCard } from '../../../hooks/neighbours';
import { go, intParam, routes } from '../../../lib/routes';
import { colors } from '../../../lib/tokens';
import '../../../components/neighbours/neighbours.css';
import { NeighboursOutside } from '../../../components/neighbours/Outside';

/**
 * One neighbour's card, with 请求联系, the contact's state, 屏蔽 and 举报. A card is private: this
 * page deliberately offers no share to group chats (no useShareAppMessage here).
 */
export default function NeighbourCardPage() {
  const gate = useNeighbourGate();
  const cardId = intParam(gate.params.id) ?? null;
  const card = useNeighbourCard(gate.communityId, cardId, gate.ready);
  const [asking, setAsking] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [busy, setBusy] = useState(false);

  if (gate.outside)
    return (
      <NeighboursOutside
        pageId="neighbour-card-page"
        title="邻居名片"
        communityId={gate.communityId}
        signedIn={gate.signedIn}
      />
    );
  const cid = gate.communityId as number;
  const c = card.data;
  const name = c?.displayName ?? NEIGHBOUR_NO_NAME;

  const block = async () => {
    if (!c) return;
    const { confirm } = await Taro.showModal({
      title: '屏蔽这位邻居',
      content: '屏蔽后，你们互相看不到，对方不会收到通知。',
      confirmText: '屏蔽',
      cancelText: '再想想',
      confirmColor: colors.danger,
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await neighbours.block({ communityId: cid, cardId: c.id });
      void Taro.showToast({ title: '已屏蔽', icon: 'none' });
      go(routes.neighbours(cid));
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell id="neighbour-card-page" title="邻居名片">
      {card.error?.code === 'NOT_FOUND' ? (
        <Empty id="neighbour-card-gone" text="这张名片现在看不到了，可能对方关掉了名片。">
          <Button id="neighbour-card-back" className="btn btn--primary" onClick={() => go(routes.neighbours(cid))}>
            去找邻居
          </Button>
        </Empty>
      ) : card.error ? (
        <ErrorState error={card.error} onRetry={card.reload} />
      ) : !c ? (
        <Loading />
      ) : (
        <View>
          <NeighbourCard id={`neighbour-${c.id}`} card={c} />
          <View className="card" id="neighbour-contact">
            {c.contact ? (
              <Text className="t-body t-block" id="neighbour-contact-state">
                {contactViewLabels[c.contact.view]}
              </Text>
            ) : (
              <Text className="t-body t-block">想请这位邻居帮忙？先发一个请求，对方同意后才能聊天。</Text>
            )}
            {c.contact?.view === 'accepted' ? (
              <Button
                id="neighbour-chat"
                className="btn btn--primary btn--block gap-top"
                onClick={() => go(routes.neighbourThread(cid, (c.contact as { id: number }).id))}
              >
                去聊天
              </Button>
            ) : c.contact && (c.contact.view === 'waiting' || c.contact.view === 'to_answer') ? (
              <Button
                id="neighbour-open-contact"
                className="btn btn--plain btn--block gap-top"
                onClick={() => go(routes.neighbourContacts(cid, { box: 'requests' }))}
              >
                去看请求
              </Button>
            ) : (
              <Button
                id="request-contact"
                className="btn btn--primary btn--block gap-top"
                onClick={() => setAsking(true)}
              >
                请求联系
              </Button>
            )}
          </View>
          <View className="btn-row gap-top">
            <Button
              id="neighbour-block"
              className="btn btn--plain"
              disabled={busy || undefined}
              onClick={() => void block()}
            >
              屏蔽
            </Button>
            <Button id="neighbour-report" className="btn btn--plain" onClick={() => setReporting(true)}>
              举报
            </Button>
          </View>
          {asking ? (
            <RequestDialog
              communityId={cid}
              cardId={c.id}
              name={name}
              onClose={() => setAsking(false)}
              onSent={(contact) => {
                setAsking(false);
                card.setData((prev) => (prev ? { ...prev, contact } : prev));
                void Taro.showToast({ title: '请求已发送', icon: 'none' });
              }}
            />
          ) : null}
          {reporting ? (
            <ReportDialog
              communityId={cid}
              subject="neighbour_card"
              subjectId={c.id}
              onClose={() => setReporting(false)}
            />
          ) : null}
        </View>
      )}
    </PageShell>
  );
}
