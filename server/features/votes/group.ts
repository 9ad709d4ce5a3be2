import { createHmac, hkdfSync } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { SignedIn } from '../../core/context';
import { AppError } from '../../core/errors';
import { users, voteGroupSightings } from '../../db/schema';
import type { AppDeps, Tx } from '../../deps';
import { decryptOpenData } from '../../wechat/open-data';
import { requireParticipant, requireVote, type VoteRow } from './access';

/** The key group ids are hashed with: a sub-key of the server's file-signing secret, by label. */
function groupKey(deps: AppDeps): Buffer {
  return Buffer.from(hkdfSync('sha256', deps.files.signingKey, '', 'shequyun vote groups v1', 32));
}

export const groupHash = (deps: AppDeps, openGId: string) =>
  createHmac('sha256', groupKey(deps)).update(openGId).digest('base64url');

/**
 * Households with a ballot that have an approved member seen in the group for this vote
 * (resident electorate: the electors seen). Only for a caller seen in that group; a number,
 * never a name.
 */
export async function groupHouseholds(db: Tx, vote: VoteRow, hash: string, userId: number): Promise<number | null> {
  const [seen] = await db
    .select({ userId: voteGroupSightings.userId })
    .from(voteGroupSightings)
    .where(
      and(
        eq(voteGroupSightings.voteId, vote.id),
        eq(voteGroupSightings.groupHash, hash),
        eq(voteGroupSightings.userId, userId),
      ),
    );
  if (!seen) return null;
  const rows = await db.execute<{ n: number }>(sql`
    select count(distinct e.id)::int as n
    from vote_electors e
    join ballots b on b.elector_id = e.id
    where e.vote_id = ${vote.id}
      and exists (
        select 1 from vote_group_sightings s
        left join memberships m on m.user_id = s.user_id and m.community_id = ${vote.communityId}
          and m.status = 'approved'
        where s.vote_id = ${vote.id} and s.group_hash = ${hash}
          and (case when e.head_key like 'u:%' then s.user_id = e.user_id else m.household_id = e.household_id end)
      )`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows;
  return Number(list[0]?.n ?? 0);
}

/** Opened from a group chat: decrypt the group info with the caller's session_key, keep a keyed hash of the id. */
export async function registerGroup(
  ctx: SignedIn,
  communityId: number,
  voteId: number,
  input: { encryptedData: string; iv: string },
) {
  await requireParticipant(ctx, communityId);
  const db = ctx.deps.database.db;
  const vote = await requireVote(db, communityId, voteId);
  const appid = ctx.deps.config.WECHAT_APPID;
  const [u] = await db.select({ enc: users.sessionKeyEnc }).from(users).where(eq(users.id, ctx.actor.userId));
  if (ctx.deps.wechat.kind !== 'real' || !appid || !u?.enc) throw new AppError('GROUP_INFO_INVALID');
  let sessionKey: string;
  try {
    sessionKey = ctx.deps.cipher.decrypt(u.enc);
  } catch {
    throw new AppError('GROUP_INFO_INVALID');
  }
  const data = decryptOpenData(sessionKey, input.iv, input.encryptedData, appid);
  const gid = data.opengid ?? data.openGId;
  if (typeof gid !== 'string' || gid.length === 0) throw new AppError('GROUP_INFO_INVALID');
  const hash = groupHash(ctx.deps, gid);
  await db
    .insert(voteGroupSightings)
    .values({ voteId: vote.id, groupHash: hash, userId: ctx.actor.userId, seenAt: ctx.deps.clock() })
    .onConflictDoNothing();
  return { group: hash, households: (await groupHouseholds(db, vote, hash, ctx.actor.userId)) ?? 0 };
}
