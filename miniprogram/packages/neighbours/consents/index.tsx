import { Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';

// Skeleton page of 找邻居; the pages part replaces it (docs/decisions/024-neighbours.md).
export default function Page() {
  return (
    <PageShell title="我的授权记录">
      <Text>我的授权记录</Text>
    </PageShell>
  );
}
