import { asc, eq } from 'drizzle-orm';
import { outcomeText } from '../../../shared/domain/tally';
import type { TallyResult } from '../../../shared/domain/tally-types';
import type { BallotChannel } from '../../../shared/enums';
import type { SignedIn } from '../../core/context';
import { ballots, buildings, households, voteElectors } from '../../db/schema';
import { addTable, newWorkbook, safeFileName, workbookFile } from '../../platform/xlsx';
import { requireStaff, requireVote } from './access';
import { tallyOf, voteOptionsOf } from './tally-input';

const channelWords: Record<BallotChannel, string> = { self: '本人', proxy: '委托', paper: '代录' };

/** China time: 2026-12-01 09:05. */
const chinaTime = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

/**
 * The committee's file: the figures with every threshold, then one row per elector (whether
 * and how it voted; the choice only when the vote is not anonymous).
 */
export async function exportBallots(ctx: SignedIn, communityId: number, voteId: number) {
  await requireStaff(ctx, communityId);
  const db = ctx.deps.database.db;
  const vote = await requireVote(db, communityId, voteId);
  // Figures while open only for a vote that shows them live (an anonymous one shows turnout only).
  const result: TallyResult =
    vote.status === 'closed' && vote.result ? (vote.result as unknown as TallyResult) : await tallyOf(db, vote);
  const figuresShown = vote.status === 'closed' || (vote.resultsShown === 'live' && !vote.anonymous);
  const options = await voteOptionsOf(db, vote.id);
  const labelOf = new Map(options.map((o) => [o.id, o.label]));
  const workbook = newWorkbook();
  const figures = addTable(workbook, '统计', [
    { header: '项目', key: 'item', width: 36 },
    { header: '数值', key: 'value', width: 24 },
    { header: '要求', key: 'required', width: 16 },
    { header: '是否达到', key: 'met', width: 10 },
  ]);
  figures.addRow({ item: '投票', value: vote.title });
  figures.addRow({ item: '结果', value: vote.status === 'closed' ? outcomeText(result) : '投票未结束' });
  figures.addRow({ item: '应参与', value: result.electors.count });
  figures.addRow({ item: '已参与', value: result.participated.count });
  figures.addRow({
    item: '本人 / 委托 / 代录',
    value: `${result.byChannel.self} / ${result.byChannel.proxy} / ${result.byChannel.paper}`,
  });
  if (figuresShown) for (const o of result.options) figures.addRow({ item: `选项：${o.label}`, value: o.ballots });
  if (figuresShown)
    for (const t of [...result.participation, ...result.options.flatMap((o) => o.approval)])
      figures.addRow({
        item: t.label,
        value: `${t.value.num}/${t.value.den}`,
        required: `${t.strict ? '>' : '≥'} ${t.required.num}/${t.required.den}`,
        met: t.met ? '是' : '否',
      });

  const columns = [
    { header: '楼栋', key: 'building', width: 12 },
    { header: '单元', key: 'unit', width: 10 },
    { header: '室', key: 'room', width: 10 },
    { header: '面积', key: 'area', width: 10 },
    { header: '是否投票', key: 'voted', width: 10 },
    { header: '方式', key: 'channel', width: 10 },
    { header: '投票时间', key: 'at', width: 18 },
  ];
  if (!vote.anonymous) columns.push({ header: '选择', key: 'choice', width: 30 });
  const sheet = addTable(workbook, '投票明细', columns);
  const rows = await db
    .select({
      building: buildings.name,
      unit: households.unit,
      room: households.room,
      area: voteElectors.area,
      channel: ballots.channel,
      at: ballots.updatedAt,
      optionIds: ballots.optionIds,
    })
    .from(voteElectors)
    .leftJoin(households, eq(households.id, voteElectors.householdId))
    .leftJoin(buildings, eq(buildings.id, households.buildingId))
    .leftJoin(ballots, eq(ballots.electorId, voteElectors.id))
    .where(eq(voteElectors.voteId, vote.id))
    .orderBy(
      asc(buildings.sort),
      asc(buildings.name),
      asc(households.unit),
      asc(households.room),
      asc(voteElectors.id),
    );
  for (const r of rows)
    sheet.addRow({
      building: r.building ?? '',
      unit: r.unit ?? '',
      room: r.room ?? '',
      area: r.area ?? '',
      voted: r.channel ? '是' : '否',
      channel: r.channel ? channelWords[r.channel] : '',
      at: chinaTime(r.at),
      ...(vote.anonymous ? {} : { choice: (r.optionIds ?? []).map((id) => labelOf.get(id) ?? '').join('、') }),
    });
  return workbookFile(workbook, `投票明细-${safeFileName(vote.title, '投票')}.xlsx`);
}
