import { eq } from 'drizzle-orm';
import { households, topics } from '../../server/db/schema';
import type { TestApp } from './app';
import type { CommunityFixture } from './fixtures';

/** More households in the community's building (the fixture has six). */
export async function addHouseholds(app: TestApp, c: CommunityFixture, n: number) {
  const rows = await app.database.db
    .insert(households)
    .values(
      Array.from({ length: n }, (_, i) => ({
        communityId: c.id,
        buildingId: c.buildingId,
        unit: '2单元',
        room: `${900 + c.householdIds.length + i}`,
      })),
    )
    .returning({ id: households.id });
  c.householdIds.push(...rows.map((r) => r.id));
}

/** A topic row straight in the database, in any stage. */
export async function insertTopic(app: TestApp, values: Partial<typeof topics.$inferInsert> & { communityId: number }) {
  const [t] = await app.database.db
    .insert(topics)
    .values({
      authorLabel: '居委会',
      byCommittee: true,
      title: '测试议题',
      body: '这是一个测试用的议题内容',
      stage: 'discussing',
      cosignNeeded: 0,
      createdAt: app.clock(),
      stageAt: app.clock(),
      ...values,
    })
    .returning();
  return t;
}

export async function topicRow(app: TestApp, id: number) {
  const [t] = await app.database.db.select().from(topics).where(eq(topics.id, id));
  return t;
}
