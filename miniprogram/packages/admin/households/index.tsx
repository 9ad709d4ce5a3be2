import { View } from '@tarojs/components';
import { useState } from 'react';
import { AdminShell } from '../../../components/AdminShell';
import { cx } from '../../../lib/format';
import { Buildings } from './Buildings';
import { RetiredRooms } from './Retired';
import { RosterImport } from './RosterImport';
import './index.css';

type Tab = 'buildings' | 'import' | 'retired';

const tabs: { id: Tab; label: string }[] = [
  { id: 'buildings', label: '楼栋和房屋' },
  { id: 'import', label: '导入住户名单' },
  { id: 'retired', label: '已停用的' },
];

/** 楼栋房屋: buildings and rooms by hand, the roster import, and what was retired. */
export default function AdminHouseholds() {
  const [tab, setTab] = useState<Tab>('buildings');
  return (
    <AdminShell id="admin-households" section="households">
      {(communityId) => (
        <View>
          <View className="chips tabs" id="households-tabs">
            {tabs.map((t) => (
              <View
                key={t.id}
                id={`households-tab-${t.id}`}
                className={cx('chip', t.id === tab && 'chip--on')}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </View>
            ))}
          </View>
          {tab === 'buildings' ? <Buildings communityId={communityId} /> : null}
          {tab === 'import' ? <RosterImport communityId={communityId} onDone={() => setTab('buildings')} /> : null}
          {tab === 'retired' ? <RetiredRooms communityId={communityId} /> : null}
        </View>
      )}
    </AdminShell>
  );
}
