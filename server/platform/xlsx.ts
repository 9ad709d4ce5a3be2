import ExcelJS from 'exceljs';

/**
 * The Excel files the committee downloads (templates and exports) are built the same way:
 * a workbook made by 社区云, tables with a bold header row that stays in view, and the file
 * reply `{ filename, bytes }` a file route returns.
 */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '社区云';
  return workbook;
}

export interface TableColumn {
  header: string;
  key: string;
  width: number;
}

/** A sheet whose first row is the header (bold, frozen). */
export function addTable(workbook: ExcelJS.Workbook, name: string, columns: TableColumn[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

export async function workbookFile(workbook: ExcelJS.Workbook, filename: string) {
  return { filename, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/** A file name part from a title: no characters a file system or a header would refuse. */
export function safeFileName(title: string, fallback: string): string {
  return (
    title
      .replace(/[\\/:*?"<>|\r\n\t]+/g, '')
      .trim()
      .slice(0, 40) || fallback
  );
}
