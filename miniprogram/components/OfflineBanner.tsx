import { Text, View } from '@tarojs/components';
import { useOnline } from '../lib/network';
import './OfflineBanner.css';

/** Says plainly that there is no network; the app retries by itself when it comes back. */
export function OfflineBanner() {
  const online = useOnline();
  if (online) return null;
  return (
    <View className="offline-banner" id="offline-banner">
      <Text className="t-body">现在没有网络。连上网后会自动重新加载，您不用退出。</Text>
    </View>
  );
}
