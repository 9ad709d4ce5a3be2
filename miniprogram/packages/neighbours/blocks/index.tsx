import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useNeighbourGate } from '../../../components/neighbours/gate';
import { PageShell } from '../../../components/PageShell';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { neighbours, useBlocks } from '../../../hooks/neighbours';
import { formatDateTime } from '../../../lib/format';
import '../../../components/neighbours/neighbours.css';
import { NeighboursOutside } from '../../../components/neighbours/Outside';

/** 已屏蔽的邻居: the people the caller blocked, each with 取消屏蔽. */
export default function NeighbourBlocks() {
  const gate = useNeighbourGate();
  const blocks = useBlocks(gate.communityId, gate.ready);
  const [busy, setBusy] = useState<number | null>(null);

  if (gate.outside)
    return (
      <NeighboursOutside
        pageId="neighbour-blocks"
        title="已屏蔽的邻居"
        communityId={gate.communityId}
        signedIn={gate.signedIn}
      />
    );
  const cid = gate.communityId as number;

  const unblock = async (id: number, label: string) => {
    const { confirm } = await Taro.showModal({
      title: '取消屏蔽',
      content: `取消后，您和${label}又能在找邻居里互相看到。以前结束的聊天不会恢复。`,
      confirmText: '取消屏蔽',
      cancelText: '不了',
    });
    if (!confirm) return;
    setBusy(id);
    try {
      await neighbours.unblock(cid, id);
      blocks.setData((prev) => (prev ? { items: prev.items.filter((b) => b.id !== id) } : prev));
      void Taro.showToast({ title: '已取消屏蔽', icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell id="neighbour-blocks" title="已屏蔽的邻居">
      {blocks.error ? (
        <ErrorState error={blocks.error} onRetry={blocks.reload} />
      ) : !blocks.data ? (
        <Loading />
      ) : blocks.data.items.length === 0 ? (
        <Empty id="blocks-empty" text="您没有屏蔽任何邻居。" />
      ) : (
        <View id="blocks-list">
          <Text className="t-body t-block gap-top">你们互相看不到，对方也不知道被屏蔽。</Text>
          {blocks.data.items.map((b) => (
            <View key={b.id} id={`block-${b.id}`} className="item row row--between">
              <View className="grow">
                <Text className="item-title t-block">{b.label}</Text>
                <Text className="t-small t-block">屏蔽于 {formatDateTime(b.createdAt)}</Text>
              </View>
              <Button
                id={`block-${b.id}-remove`}
                className="btn btn--plain btn--small"
                disabled={busy === b.id || undefined}
                onClick={() => void unblock(b.id, b.label)}
              >
                取消屏蔽
              </Button>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
