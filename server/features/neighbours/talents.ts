import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { formatDateTime, roomLabel } from '../../../shared/domain/labels';
import { chinaClock } from '../../../shared/domain/office-hours';
import type { SignedIn } from '../../core/context';
import { buildings, households, memberships, neighbourCards, neighbourConsents } from '../../db/schema';
import { audited } from '../../platform/audited';
import { addTable, newWorkbook, workbookFile } from '../../platform/xlsx';
import { requireNeighbourStaff } from './access';

/*
 * 能人库 (docs/decisions/024-neighbours.md): the residents who turned on 愿意为社区服务. Its
 * consent text tells them the committee sees their name as they wrote it, their real name and
 * phone (which the committee holds from the membership), their building and what they can do;
 * each row carries when and under which text version they agreed. The Excel copy is audited.
 */

export interface Talent {
  cardId: number;
  displayName: string;
  realName: string | null;
  phone: string | null;
  building: string | null;
  unitRoom: string | null;
  tags: string[];
  canHelp: string[];
  intro: string | null;
  consentedAt: string;
  consentVersion: string;
}

async function talents(ctx: SignedIn, communityId: number, tag?: string): Promise<Talent[]> {
  const db = ctx.deps.database.db;
  const c = neighbourCards;
  const rows = await db
    .select({
      cardId: c.id,
      userId: c.userId,
      displayName: c.displayName,
      tags: c.tags,
      hiddenTags: c.hiddenTags,
      canHelp: c.canHelp,
      intro: c.intro,
      showIntro: c.showIntro,
      serveSince: c.serveSince,
      updatedAt: c.updatedAt,
      cardVersion: c.consentVersion,
      realNameEnc: memberships.realNameEnc,
      phoneEnc: memberships.phoneEnc,
      building: buildings.name,
      unit: households.unit,
      room: households.room,
    })
    .from(c)
    .innerJoin(
      memberships,
      and(
        eq(memberships.communityId, c.communityId),
        eq(memberships.userId, c.userId),
        eq(memberships.status, 'approved'),
      ),
    )
    .leftJoin(households, eq(households.id, memberships.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .where(
      and(
        eq(c.communityId, communityId),
        eq(c.serve, true),
        ne(c.state, 'deleted'),
        // A tag a moderator hid is not a way to be found here either.
        tag ? sql`${tag} = any(${c.tags}) and not (${tag} = any(${c.hiddenTags}))` : undefined,
      ),
    )
    .orderBy(asc(c.id));
  if (rows.length === 0) return [];

  // The latest 愿意为社区服务 consent each of them gave in this community.
  const consents = await db
    .selectDistinctOn([neighbourConsents.userId], {
      userId: neighbourConsents.userId,
      createdAt: neighbourConsents.createdAt,
      textVersion: neighbourConsents.textVersion,
    })
    .from(neighbourConsents)
    .where(
      and(
        eq(neighbourConsents.communityId, communityId),
        eq(neighbourConsents.field, 'serve'),
        eq(neighbourConsents.granted, true),
        inArray(
          neighbourConsents.userId,
          rows.map((r) => r.userId),
        ),
      ),
    )
    .orderBy(neighbourConsents.userId, desc(neighbourConsents.id));
  const consentOf = new Map(consents.map((r) => [r.userId, r]));

  const { cipher } = ctx.deps;
  return rows.map((r) => {
    const consent = consentOf.get(r.userId);
    return {
      cardId: r.cardId,
      displayName: r.displayName,
      realName: r.realNameEnc ? cipher.decrypt(r.realNameEnc) : null,
      phone: r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null,
      building: r.building,
      unitRoom: r.unit && r.room ? roomLabel({ unit: r.unit, room: r.room }) : null,
      tags: r.tags.filter((t) => !r.hiddenTags.includes(t)),
      canHelp: r.canHelp,
      // The 能人库 consent names the skills, not the intro: only if neighbours may read it too.
      intro: r.showIntro ? r.intro : null,
      consentedAt: (consent?.createdAt ?? r.serveSince ?? r.updatedAt).toISOString(),
      consentVersion: consent?.textVersion ?? r.cardVersion,
    };
  });
}

export async function listTalents(ctx: SignedIn, communityId: number, query: { tag?: string }) {
  await requireNeighbourStaff(ctx, communityId);
  return { items: await talents(ctx, communityId, query.tag) };
}

/** The headings of the 能人库 sheet, in the order of its columns. */
export const talentColumns = [
  { header: '称呼', key: 'displayName', width: 12 },
  { header: '姓名', key: 'realName', width: 10 },
  { header: '电话', key: 'phone', width: 14 },
  { header: '楼栋', key: 'building', width: 10 },
  { header: '单元房号', key: 'unitRoom', width: 12 },
  { header: '会做的事', key: 'tags', width: 24 },
  { header: '可以帮忙', key: 'canHelp', width: 28 },
  { header: '自我介绍', key: 'intro', width: 40 },
  { header: '同意时间', key: 'consentedAt', width: 20 },
  { header: '同意文本版本', key: 'consentVersion', width: 14 },
];

export async function exportTalents(ctx: SignedIn, communityId: number) {
  await requireNeighbourStaff(ctx, communityId);
  const items = await talents(ctx, communityId);
  const workbook = newWorkbook();
  const sheet = addTable(workbook, '能人库', talentColumns);
  for (const t of items) {
    sheet.addRow({
      displayName: t.displayName,
      realName: t.realName ?? '',
      phone: t.phone ?? '',
      building: t.building ?? '',
      unitRoom: t.unitRoom ?? '',
      tags: t.tags.join('、'),
      canHelp: t.canHelp.join('、'),
      intro: t.intro ?? '',
      consentedAt: formatDateTime(t.consentedAt),
      consentVersion: t.consentVersion,
    });
  }
  const file = await workbookFile(workbook, `能人库-${chinaClock(ctx.deps.clock()).date}.xlsx`);
  // Who took a copy of people's names and phones, and how many.
  return audited(ctx, 'neighbour.export_talents', async () => ({
    result: file,
    audit: { communityId, targetId: communityId, after: { rows: items.length } },
  }));
}
