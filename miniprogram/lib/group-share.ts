import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { isWeapp } from './env';

/**
 * Group-aware sharing of a vote (WeChat only): a vote card opened from a group chat (scene 1044
 * with a shareTicket) sends the group's encrypted info to the server, which keeps only a keyed
 * hash of the group and answers with a group key; the vote page passes it as ?group= and shows
 * 「本群已有 N 户参与」. The key lives in memory for the app's lifecycle, as the ticket does.
 * H5 has none of this: links just work.
 */

/** Off in H5; tests switch it on to exercise the WeChat path with a stubbed Taro. */
export const groupShareEnv = { enabled: isWeapp };

const GROUP_SCENE = 1044;

interface EnterOptions {
  scene?: number;
  shareTicket?: string;
  query?: Record<string, string | undefined>;
}

type MaybeTaro = {
  getEnterOptionsSync?: () => EnterOptions;
  getLaunchOptionsSync?: () => EnterOptions;
  getGroupEnterInfo?: (o: {
    shareTicket?: string;
    success: (r: { encryptedData: string; iv: string }) => void;
    fail: (e: unknown) => void;
  }) => unknown;
};

/** voteId → { key, households } registered in this app lifecycle. */
const registered = new Map<number, { key: string; households: number }>();

export function forgetGroups(): void {
  registered.clear();
}

/** The ticket of a group card this vote page was opened from, or null (another scene, another vote, H5). */
export function groupTicketFor(voteId: number): string | null {
  if (!groupShareEnv.enabled) return null;
  const t = Taro as unknown as MaybeTaro;
  let opts: EnterOptions | undefined;
  try {
    opts = t.getEnterOptionsSync?.() ?? t.getLaunchOptionsSync?.();
  } catch {
    return null;
  }
  if (!opts || opts.scene !== GROUP_SCENE || !opts.shareTicket) return null;
  // The card names its vote: another vote opened later in the same lifecycle is not this group's.
  if (opts.query?.id !== undefined && opts.query.id !== String(voteId)) return null;
  return opts.shareTicket;
}

/** wx.getGroupEnterInfo, when the base library has it. */
export function groupEnterInfo(shareTicket: string): Promise<{ encryptedData: string; iv: string } | null> {
  const fn = (Taro as unknown as MaybeTaro).getGroupEnterInfo;
  if (typeof fn !== 'function') return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      fn({
        shareTicket,
        success: (r) => resolve(r?.encryptedData && r.iv ? { encryptedData: r.encryptedData, iv: r.iv } : null),
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

/**
 * Registers the group this vote was opened from (once per lifecycle): returns the group key and
 * the households of that group who took part, or null when not opened from a group or anything failed.
 */
export async function registerVoteGroup(
  voteId: number,
  send: (encryptedData: string, iv: string) => Promise<{ group: string; households: number }>,
): Promise<{ key: string; households: number } | null> {
  const known = registered.get(voteId);
  if (known) return known;
  const ticket = groupTicketFor(voteId);
  if (!ticket) return null;
  const info = await groupEnterInfo(ticket);
  if (!info) return null;
  try {
    const reply = await send(info.encryptedData, info.iv);
    const entry = { key: reply.group, households: reply.households };
    registered.set(voteId, entry);
    return entry;
  } catch {
    return null;
  }
}

/**
 * For the vote page: `pending` while the group is being registered (the page waits, so that the
 * vote is read once, with its group), then the key (null when none).
 */
export function useVoteGroup(
  voteId: number | null,
  signedIn: boolean,
  send: (voteId: number, encryptedData: string, iv: string) => Promise<{ group: string; households: number }>,
): { pending: boolean; key: string | null; households: number | null } {
  const ticket = voteId !== null ? groupTicketFor(voteId) : null;
  const known = voteId !== null ? (registered.get(voteId) ?? null) : null;
  const [state, setState] = useState<{ key: string; households: number } | null>(known);
  const [pending, setPending] = useState(ticket !== null && known === null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the page knows who is asking
  useEffect(() => {
    if (voteId === null || !signedIn || !pending) return;
    let live = true;
    void registerVoteGroup(voteId, (data, iv) => send(voteId, data, iv)).then((entry) => {
      if (!live) return;
      setState(entry);
      setPending(false);
    });
    return () => {
      live = false;
    };
  }, [voteId, signedIn]);

  return { pending, key: state?.key ?? null, households: state?.households ?? null };
}

/** The share menu with the group ticket (WeChat only). */
export function enableGroupShareMenu(): void {
  if (!groupShareEnv.enabled) return;
  Taro.showShareMenu({
    withShareTicket: true,
    menus: ['shareAppMessage', 'shareTimeline'],
  } as Parameters<typeof Taro.showShareMenu>[0]).catch(() => undefined);
}
