import type { z } from 'zod';
import { buildingName, ownerKey, roomName, unitName } from '../../../shared/contracts/households';
import { textMessages } from '../../../shared/text';
import { type Column, columnNames, type Header, halfWidth, type SheetRow } from './roster-file';

/**
 * The rows of a roster, checked one by one with plain Chinese messages (第12行：室号不能为空),
 * and the keys that match a row to a building and a household already there.
 */

export interface RosterRow {
  row: number;
  building: string;
  unit: string;
  room: string;
  /** Undefined: the cell was empty, so an existing household keeps its value. */
  floorArea?: number;
  ownerOccupied?: boolean;
  /** 业主编号: units with one key count once by head in owners' votes. */
  ownerKey?: string;
  /** 开发商未售: all developer units count as one head. */
  developerUnit?: boolean;
}

export interface RowError {
  row: number;
  message: string;
}

/**
 * What a building, a unit and a room are matched by, so that the file's "3", "3号", "3幢" find
 * the committee's "3号楼", "1" finds "1单元" and "302室" finds "302": half-width, no spaces,
 * upper case, and the usual suffix dropped.
 */
export const buildingKey = (name: string) => keyOf(name, /(号楼|号|幢|栋|楼)$/);
export const unitKey = (name: string) => keyOf(name, /(单元|门)$/);
export const roomKey = (name: string) => keyOf(name, /(室|号|房)$/);

function keyOf(name: string, suffix: RegExp): string {
  const plain = halfWidth(name).replace(/\s+/g, '').toUpperCase();
  const bare = plain.replace(suffix, '');
  return bare === '' ? plain : bare;
}

export const householdKey = (building: string, unit: string, room: string) =>
  `${buildingKey(building)}\u0000${unitKey(unit)}\u0000${roomKey(room)}`;

/** The same rules as adding one by hand (shared/contracts/households), per field. */
const fields = { building: buildingName, unit: unitName, room: roomName };

const requiredMessages = {
  building: `${columnNames.building}不能为空`,
  unit: `${columnNames.unit}不能为空（没有单元的楼请填1）`,
  room: `${columnNames.room}不能为空`,
} as const;

/** A name cell: the shared text rules, with a bare number read the way people write it. */
function nameCell(
  column: 'building' | 'unit' | 'room',
  raw: string,
  schema: z.ZodType<string>,
  problems: string[],
): string {
  const value = halfWidth(raw).trim();
  if (value === '') {
    problems.push(requiredMessages[column]);
    return '';
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    problems.push(`${columnNames[column]}填得不对，${parsed.error.issues[0]?.message ?? textMessages.pattern}`);
    return '';
  }
  if (!/^\d+$/.test(parsed.data)) return parsed.data;
  if (column === 'building') return `${parsed.data}号楼`;
  if (column === 'unit') return `${parsed.data}单元`;
  return parsed.data;
}

const AREA = /^(\d+(?:\.\d+)?)(?:m2|m²|㎡|平方米|平米|平方)?$/i;

function areaCell(raw: string, problems: string[]): number | undefined {
  const value = halfWidth(raw).replace(/\s+/g, '').replace(/,/g, '');
  if (value === '') return undefined;
  const match = AREA.exec(value);
  const area = match ? Math.round(Number(match[1]) * 100) / 100 : Number.NaN;
  if (!(area > 0 && area <= 10_000)) {
    problems.push(`${columnNames.area}要填大于0的数字（平方米），例如 89.5`);
    return undefined;
  }
  return area;
}

const yes = new Set(['是', '是的', '对', 'Y', 'YES', '1', 'TRUE', '√', '✓', '✔', '自住', '业主自住']);
const no = new Set(['否', '不是', '不', 'N', 'NO', '0', 'FALSE', '×', '✗', 'X', '出租', '非自住', '空置', '无']);

function yesNoCell(column: 'owner' | 'developer', raw: string, problems: string[]): boolean | undefined {
  const value = halfWidth(raw).replace(/\s+/g, '').toUpperCase();
  if (value === '') return undefined;
  if (yes.has(value)) return true;
  if (no.has(value)) return false;
  problems.push(`“${columnNames[column]}”要填“是”或“否”，不能填“${raw.trim().slice(0, 10)}”`);
  return undefined;
}

/** 业主编号: half-width, no spaces; the same rule as editing it by hand. */
function ownerKeyCell(raw: string, problems: string[]): string | undefined {
  const value = halfWidth(raw).replace(/\s+/g, '');
  if (value === '') return undefined;
  const parsed = ownerKey.safeParse(value);
  if (!parsed.success) {
    problems.push(`${columnNames.ownerKey}填得不对，${parsed.error.issues[0]?.message ?? textMessages.pattern}`);
    return undefined;
  }
  return parsed.data;
}

/** Checks every data row below the header; a row is either good or listed with all its problems. */
export function checkRows(rows: SheetRow[], header: Header): { rows: RosterRow[]; errors: RowError[] } {
  const good: RosterRow[] = [];
  const errors: RowError[] = [];
  const firstSeen = new Map<string, number>();
  const cell = (cells: string[], column: Column) => {
    const index = header.columns[column];
    return index === undefined ? '' : (cells[index] ?? '');
  };
  for (const { row, cells } of rows.slice(header.at + 1)) {
    if ((Object.values(header.columns) as number[]).every((i) => (cells[i] ?? '').trim() === '')) continue;
    const problems: string[] = [];
    const building = nameCell('building', cell(cells, 'building'), fields.building, problems);
    const unit = nameCell('unit', cell(cells, 'unit'), fields.unit, problems);
    const room = nameCell('room', cell(cells, 'room'), fields.room, problems);
    const floorArea = areaCell(cell(cells, 'area'), problems);
    const ownerOccupied = yesNoCell('owner', cell(cells, 'owner'), problems);
    const ownerKey = ownerKeyCell(cell(cells, 'ownerKey'), problems);
    const developerUnit = yesNoCell('developer', cell(cells, 'developer'), problems);
    if (problems.length === 0) {
      const key = householdKey(building, unit, room);
      const earlier = firstSeen.get(key);
      if (earlier !== undefined) problems.push(`和第${earlier}行是同一户（${building} ${unit} ${room}），请删掉一行`);
      else firstSeen.set(key, row);
    }
    if (problems.length > 0) errors.push({ row, message: `第${row}行：${problems.join('；')}` });
    else good.push({ row, building, unit, room, floorArea, ownerOccupied, ownerKey, developerUnit });
  }
  return { rows: good, errors };
}
