import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { liveMembershipStatuses } from '../../shared/enums';

const liveList = sql.raw(liveMembershipStatuses.map((s) => `'${s}'`).join(', '));

/**
 * "This membership is live" (waiting for a decision, or approved), written once: the
 * partial unique index, the caller's actor, joins, leaving and deletion all use it.
 */
export const isLive = (status: AnyPgColumn | SQL): SQL => sql`${status} in (${liveList})`;
