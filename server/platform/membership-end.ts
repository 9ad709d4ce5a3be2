import type { Tx } from '../deps';

/**
 * What follows when someone stops being a member of a community (they left, a moderator revoked
 * them): features that keep something about members there (找邻居's card and threads) register a
 * hook, and memberships call every hook in the transaction that ends the membership, so nothing
 * of the person lingers for neighbours even for a moment. Account deletion goes through the
 * personal-data registry instead (server/platform/personal-data.ts).
 */
export interface MembershipEnd {
  communityId: number;
  userId: number;
  now: Date;
}

export type MembershipEndHook = (tx: Tx, end: MembershipEnd) => Promise<void>;

const hooks = new Map<string, MembershipEndHook>();

/** Called once per feature at module load; the name keeps a reloaded module from adding twice. */
export function onMembershipEnd(name: string, hook: MembershipEndHook): void {
  hooks.set(name, hook);
}

/** Runs every hook, in the caller's transaction. */
export async function membershipEnded(tx: Tx, end: MembershipEnd): Promise<void> {
  for (const hook of hooks.values()) await hook(tx, end);
}
