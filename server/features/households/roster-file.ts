import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { ROSTER_MAX_ROWS } from '../../../shared/contracts/households';
import { AppError } from '../../core/errors';

/**
 * Reading a roster file into rows of text: xlsx through exceljs (after checking the archive
 * cannot blow up), CSV through a small RFC 4180 parser (UTF-8 with or without BOM, or GBK as
 * Excel on a Chinese Windows saves it). See docs/decisions/009-household-roster.md.
 */

export interface SheetRow {
  /** The row's number in the file, as Excel or a text editor shows it (1-based). */
  row: number;
  cells: string[];
}

export interface Sheet {
  fileType: 'xlsx' | 'csv';
  rows: SheetRow[];
}

/** Columns read per row; a roster has seven, the rest of a wide sheet is ignored. */
export const MAX_COLUMNS = 30;
/** Rows read before the data, to find the header in (a title line or two above it is common). */
export const HEADER_SEARCH_ROWS = 10;
/** What the archive may unpack to: a 10,000-row sheet is about 2 MB of XML. */
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;
const MAX_ENTRY_BYTES = 25 * 1024 * 1024;
const MAX_ENTRIES = 200;

const unreadable = (message: string) => new AppError('FILE_UNREADABLE', message);
const NOT_A_SPREADSHEET = '这个文件不是 Excel 表格（.xlsx）或 CSV 文件，请用模板填写后再上传';
const TOO_MANY_ROWS = `表格太大了，一次最多导入${ROSTER_MAX_ROWS}行，请分成几个文件`;

export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.length === 0) throw unreadable('文件是空的，请选择填好的名册');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return { fileType: 'xlsx', rows: await readXlsx(bytes) };
  }
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw unreadable('这是旧版 Excel（.xls）文件，请在 Excel 里“另存为”.xlsx 格式再上传');
  }
  return { fileType: 'csv', rows: parseCsv(decodeText(bytes)) };
}

// ---------- xlsx ----------

/**
 * Refuses an archive that would unpack to more than we read: the sizes its directory
 * declares are checked first, then each entry is really inflated with a cap (a crafted
 * archive can declare small sizes and still inflate to gigabytes).
 */
export function checkArchive(bytes: Buffer): void {
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) throw unreadable(NOT_A_SPREADSHEET);
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (entries > MAX_ENTRIES) throw unreadable(NOT_A_SPREADSHEET);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw unreadable(NOT_A_SPREADSHEET);
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const declared = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    total += declared;
    if (declared > MAX_ENTRY_BYTES || total > MAX_UNPACKED_BYTES) throw unreadable(TOO_MANY_ROWS);
    if (method === 8) {
      if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw unreadable(NOT_A_SPREADSHEET);
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      try {
        inflateRawSync(bytes.subarray(start, start + compressed), { maxOutputLength: Math.max(declared, 1) });
      } catch {
        // Larger than it says, or not deflate at all.
        throw unreadable(NOT_A_SPREADSHEET);
      }
    } else if (method !== 0) {
      throw unreadable(NOT_A_SPREADSHEET);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
}

function findEndOfDirectory(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) if (bytes.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  checkArchive(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable(NOT_A_SPREADSHEET);
  }
  // The first sheet with a header wins (the template's notes sheet comes after the roster).
  let first: SheetRow[] | null = null;
  for (const worksheet of workbook.worksheets) {
    if (worksheet.actualRowCount > ROSTER_MAX_ROWS + HEADER_SEARCH_ROWS) throw unreadable(TOO_MANY_ROWS);
    const rows: SheetRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      const width = Math.min(row.cellCount, MAX_COLUMNS);
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
      rows.push({ row: rowNumber, cells });
    });
    first ??= rows;
    if (findHeaderIn(rows)) return rows;
  }
  return first ?? [];
}

/** A cell as the text a person sees in it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
    // An error cell (#N/A, #REF!) holds nothing usable.
    if ('error' in value) return '';
  }
  return '';
}

// ---------- CSV ----------

/** UTF-8 (a BOM is dropped), else GB18030, a superset of the GBK that Excel writes on Chinese Windows. */
export function decodeText(bytes: Buffer): string {
  // A NUL in the first few kilobytes means a binary file (an image, a PDF, a Word document).
  if (bytes.subarray(0, 4096).includes(0)) throw unreadable(NOT_A_SPREADSHEET);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw unreadable('文件的文字编码认不出来，请在 Excel 里另存为“CSV UTF-8”或 .xlsx 再上传');
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * RFC 4180: fields separated by commas (or tabs, when the first line has tabs and no commas),
 * quoted fields may hold separators, quotes ("") and line breaks; CRLF, LF and CR all end a line.
 */
export function parseCsv(text: string): SheetRow[] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    cells.push(field);
    field = '';
    if (cells.some((c) => c.trim() !== '')) {
      if (rows.length >= ROSTER_MAX_ROWS + HEADER_SEARCH_ROWS) throw unreadable(TOO_MANY_ROWS);
      rows.push({ row: rowStart, cells: cells.slice(0, MAX_COLUMNS) });
    }
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      cells.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}

// ---------- header ----------

export type Column = 'building' | 'unit' | 'room' | 'area' | 'owner' | 'ownerKey' | 'developer';

/** Header words each column is known by, after `headerKey` (trimmed, half-width, no brackets or units). */
const synonyms: Record<Column, string[]> = {
  building: ['楼号', '楼栋', '楼栋号', '楼栋名称', '楼名', '楼', '栋', '栋号', '幢', '幢号', '楼宇', '号楼'],
  unit: ['单元', '单元号'],
  room: ['室号', '房号', '门牌号', '门牌', '房间号', '房间', '室', '户号'],
  area: ['面积', '建筑面积', '房屋面积', '套内面积', '专有面积', '产权面积', '使用面积'],
  owner: ['是否业主自住', '业主自住', '是否自住', '自住', '业主是否自住', '自住情况'],
  ownerKey: ['业主编号', '业主号', '业主代码', '产权人编号'],
  developer: ['开发商未售', '开发商未售房', '是否开发商未售', '开发商未售出', '开发商房屋', '未售房'],
};
export const columnNames: Record<Column, string> = {
  building: '楼号',
  unit: '单元',
  room: '室号',
  area: '面积',
  owner: '是否业主自住',
  ownerKey: '业主编号',
  developer: '开发商未售',
};
const required: Column[] = ['building', 'unit', 'room'];

/** Full-width ASCII (Ａ１，) and the ideographic space become their half-width selves. */
export function halfWidth(value: string): string {
  return value
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

export function headerKey(value: string): string {
  return halfWidth(value)
    .replace(/\s+/g, '')
    .replace(/\(.*?\)|\[.*?\]|【.*?】|〔.*?〕/g, '')
    .replace(/[*:：]/g, '')
    .replace(/(m2|m²|㎡|平方米|平米)$/i, '')
    .toLowerCase();
}

const byKey = new Map<string, Column>();
for (const [column, words] of Object.entries(synonyms) as [Column, string[]][]) {
  for (const word of words) byKey.set(headerKey(word), column);
}

export interface Header {
  /** Index of the header row in the sheet's rows. */
  at: number;
  columns: Partial<Record<Column, number>>;
}

/** The first of the top rows naming at least the three required columns. */
export function findHeaderIn(rows: SheetRow[]): Header | null {
  for (let at = 0; at < Math.min(rows.length, HEADER_SEARCH_ROWS); at++) {
    const columns: Partial<Record<Column, number>> = {};
    rows[at].cells.forEach((cell, index) => {
      const column = byKey.get(headerKey(cell));
      if (column && columns[column] === undefined) columns[column] = index;
    });
    if (required.every((c) => columns[c] !== undefined)) return { at, columns };
  }
  return null;
}

/** The header, and no more than ROSTER_MAX_ROWS rows below it. */
export function requireHeader(rows: SheetRow[]): Header {
  const header = findHeaderIn(rows);
  if (header) {
    if (rows.length - header.at - 1 > ROSTER_MAX_ROWS) throw unreadable(TOO_MANY_ROWS);
    return header;
  }
  throw unreadable(
    `没有找到表头：第一行要有“${required.map((c) => columnNames[c]).join('”“')}”这几列（“面积”“是否业主自住”“业主编号”“开发商未售”可以不填），可以下载模板照着填`,
  );
}
