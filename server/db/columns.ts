import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Millisecond precision on both engines (PGlite's now() has no microseconds). */
export const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
export const createdAt = () => ts('created_at').notNull().defaultNow();
export const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();
