import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { hotSelect } from '../../db/prepared';
import { communities } from '../../db/schema';
import type { Tx } from '../../deps';

/** Nearly every community route asks this first: compiled once (server/db/prepared.ts). */
const communityById = hotSelect('community_by_id', { id: communities.id, name: communities.name }, (db, fields) =>
  db
    .select(fields)
    .from(communities)
    .where(eq(communities.id, sql.placeholder('id'))),
);

/** 404 unless the community exists (admins pass every guard, so ids are checked here too). */
export async function requireCommunity(db: Tx, communityId: number): Promise<{ id: number; name: string }> {
  const [row] = await communityById.execute(db, { id: communityId });
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
