import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AdminShell } from '../../../components/AdminShell';
import { Empty, ErrorState, Loading } from '../../../components/StateView';
import { lift, useMutes } from '../../../hooks/moderation';
import { formatDateTime } from '../../../lib/format';

export default function AdminMutes() {
  return (
    <AdminShell id="admin-mutes" section="mutes">
      {(communityId) => <Mutes communityId={communityId} />}
    </AdminShell>
  );
}

/** Members who may not post or comment now; 禁言 itself is given from the review queue. */
function Mutes({ communityId }: { communityId: number }) {
  const mutes = useMutes(communityId);
  const [busy, setBusy] = useState<number | null>(null);

  const unmute = async (id: number, name: string) => {
    const { confirm } = await Taro.showModal({
      title: '解除禁言',
      content: `确定让 ${name} 现在就可以发言吗？`,
      confirmText: '解除',
      cancelText: '取消',
    });
    if (!confirm) return;
    setBusy(id);
    try {
      await lift(communityId, id);
      mutes.setData((prev) => (prev ?? []).filter((m) => m.id !== id));
      void Taro.showToast({ title: '已解除', icon: 'none' });
    } catch {
      // toast shown
    } finally {
      setBusy(null);
    }
  };

  return (
    <View>
      <Text className="t-small t-block">在「审核队列」隐藏或删除内容时，可以同时禁言作者1到30天。</Text>
      {mutes.loading && !mutes.data ? (
        <Loading id="list-loading" />
      ) : mutes.error ? (
        <ErrorState id="list-error" error={mutes.error} onRetry={mutes.reload} admin />
      ) : !mutes.data?.length ? (
        <Empty id="list-empty" text="现在没有人被禁言" />
      ) : (
        <View className="admin-list gap-top" id="mute-list">
          {mutes.data.map((m) => (
            <View key={m.id} className="item" id={`mute-${m.id}`}>
              <Text className="item-title t-block">{m.name}</Text>
              <Text className="item-line t-body t-block">禁言到 {formatDateTime(m.until)}</Text>
              <Text className="item-line t-small t-block">原因：{m.reason}</Text>
              <Button
                id={`mute-lift-${m.id}`}
                className="btn btn--plain btn--small gap-top"
                disabled={busy === m.id || undefined}
                onClick={() => void unmute(m.id, m.name)}
              >
                解除禁言
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
