import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { SignedIn } from '../core/context';
import type { Tx } from '../deps';
import type { AuditFacts } from './audited';

/**
 * One table's personal data, declared once by the feature that owns the table.
 * GET /api/me/data and POST /api/me/delete walk every declaration; a test fails when
 * a table with a column pointing at a user is neither declared nor exempted.
 */
export interface PersonalData<Section> {
  table: PgTable;
  /** The columns that hold or point at a person (for readers and for the test). */
  columns: PgColumn[];
  /** This table's part of the resident's copy, in plain words (PIPL art. 45). */
  exportFor(db: Tx, ctx: SignedIn): Promise<Section>;
  /**
   * Erases or ends this table's rows about the caller, inside the deletion's
   * transaction (PIPL art. 47); returns what the audit log should say, if anything.
   */
  erase(tx: Tx, ctx: SignedIn, now: Date): Promise<AuditFacts[]>;
}

/**
 * Tables that point at a user without holding anything about them worth a copy or an
 * erasure, each with the reason. Declared here so the test can tell "decided" from
 * "forgotten".
 */
export interface NotPersonal {
  table: PgTable;
  why: string;
}
