import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { communities } from '../../db/schema';
import type { Tx } from '../../deps';

/** 404 unless the community exists (admins pass every guard, so ids are checked here too). */
export async function requireCommunity(db: Tx, communityId: number): Promise<{ id: number; name: string }> {
  const [row] = await db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
