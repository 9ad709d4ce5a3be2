import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { z } from 'zod';
import type { appointedRoles, staffAccount } from '../../../../shared/contracts/admin';
import { refreshMe, useSession } from '../../../api/session';
import { Chips } from '../../../components/Form';
import { ListState } from '../../../components/ListState';
import { appointStaff } from '../../../hooks/admin';
import { useCommittees } from '../../../hooks/committees';
import { cx } from '../../../lib/format';

type StaffAccount = z.infer<typeof staffAccount>;
export type AppointedRole = (typeof appointedRoles)[number];

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

const roleOptions = [
  { id: 'appoint-role-moderator', label: '社区管理员', value: 'moderator' as const },
  { id: 'appoint-role-handler', label: '物业处理人', value: 'handler' as const },
];

const roleWords: Record<AppointedRole, { title: string; hint: string; done: string }> = {
  moderator: {
    title: '社区管理员',
    hint: '任命后，他用自己的账号登录就能管理这个社区。',
    done: '管理',
  },
  handler: {
    title: '物业处理人',
    hint: '物业处理人只能看到和处理转给物业的小事快办，看不到居委的其他页面。',
    done: '处理物业事项：',
  },
};

/**
 * 任命: a platform admin makes a staff account the moderator of a community, or its property
 * company's 小事快办 handler (物业), chosen from a search of the committees.
 */
export function AppointDialog(props: {
  account: StaffAccount;
  onClose: () => void;
  onAppointed: (community: { id: number; name: string; role: AppointedRole }) => void;
}) {
  const a = props.account;
  const session = useSession();
  const [role, setRole] = useState<AppointedRole>('moderator');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<{ id: number; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useCommittees({ q, streetId: null, position: null });
  const already = new Set(a.communities.filter((c) => c.role === role).map((c) => c.id));
  const who = a.displayName || a.username;
  const words = roleWords[role];

  const confirm = async () => {
    if (!chosen) {
      setError('请先在上面选一个社区');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const membership = await appointStaff(chosen.id, a.id, role);
      toast(`已任命${who}${words.done}${membership.communityName}`);
      // Appointing oneself changes one's own list of communities.
      if (session.me?.user.id === a.id) void refreshMe({ silent: true }).catch(() => undefined);
      props.onAppointed({ id: membership.communityId, name: membership.communityName, role });
    } catch {
      // the api client showed the server's message
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="mask" id="appoint-dialog">
      <View className="dialog appoint-dialog">
        <Text className="t-title t-block">
          任命{who}为{words.title}
        </Text>
        <Chips
          options={roleOptions}
          value={role}
          onChange={(next) => {
            setRole(next);
            setChosen(null);
          }}
        />
        <Text className="t-small t-block">选一个社区。{words.hint}</Text>
        <View className="row gap-top">
          <Input
            id="appoint-community-search"
            className="input grow"
            value={draft}
            placeholder="输入居委名称"
            onInput={(e) => setDraft(e.detail.value)}
            onConfirm={() => setQ(draft)}
          />
          <Button
            id="appoint-community-search-submit"
            className="btn btn--primary btn--small"
            onClick={() => setQ(draft)}
          >
            搜索
          </Button>
        </View>
        <View className="gap-top">
          <ListState list={list} emptyText="没有找到这个居委" admin>
            {(items) =>
              items.map((c) => {
                const done = already.has(c.id);
                return (
                  <View
                    key={c.id}
                    id={`appoint-community-${c.id}`}
                    className={cx(
                      'item appoint-community',
                      chosen?.id === c.id && 'appoint-community--on',
                      done && 'appoint-community--done',
                    )}
                    onClick={() => {
                      if (done) return;
                      setChosen({ id: c.id, name: c.name });
                      setError(null);
                    }}
                  >
                    <View className="row row--between">
                      <Text className="item-title grow">{c.name}</Text>
                      {done ? <Text className="tag tag--off">已经在管理</Text> : null}
                      {chosen?.id === c.id ? <Text className="tag tag--ok">已选</Text> : null}
                    </View>
                    <Text className="item-line t-small">
                      {c.districtName} · {c.streetName}
                    </Text>
                  </View>
                );
              })
            }
          </ListState>
        </View>
        {chosen ? (
          <Text className="t-body t-block gap-top" id="appoint-chosen">
            已选：{chosen.name}
          </Text>
        ) : null}
        {error ? (
          <Text className="field-error" id="appoint-error">
            {error}
          </Text>
        ) : null}
        <View className="gap-top">
          <Button
            id="appoint-confirm"
            className="btn btn--primary btn--block"
            disabled={busy || undefined}
            onClick={() => void confirm()}
          >
            {busy ? '正在任命…' : '确认任命'}
          </Button>
          <Button id="appoint-cancel" className="btn btn--plain btn--block" onClick={props.onClose}>
            取消
          </Button>
        </View>
      </View>
    </View>
  );
}
