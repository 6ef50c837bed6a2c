import { chinaWallClock, formatChinaDateTime } from '@shared';
import writeXlsxFile from 'write-excel-file/node';

/** A report as columns and rows, written out as XLSX or CSV by the same description. */
export interface Sheet {
  name: string;
  columns: { header: string; width: number }[];
  rows: (string | number | Date | undefined)[][];
}

export interface SheetFile { mimeType: string; bytes: Buffer }

/** CSV has no cell types: text a spreadsheet would run as a formula (= + - @ first) is quoted as text. */
const FORMULA_START = /^[=+\-@]/;

export async function toXlsx(sheet: Sheet): Promise<SheetFile> {
  const header = sheet.columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const }));
  const body = sheet.rows.map((row) =>
    row.map((v) => {
      if (v === undefined) return null;
      // Excel dates carry no zone: written as China's wall clock, they read as the community lives them.
      if (v instanceof Date) return { value: chinaWallClock(v), type: Date, format: 'yyyy-mm-dd hh:mm' };
      if (typeof v === 'number') return { value: v, type: Number };
      // A String cell is stored as text: Excel neither reads it as a number nor runs it as a formula.
      return { value: v, type: String };
    }),
  );
  const bytes = await writeXlsxFile([header, ...body], { columns: sheet.columns.map((c) => ({ width: c.width })), sheet: sheet.name, stickyRowsCount: 1 }).toBuffer();
  return { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes };
}

function csvCell(v: string | number | Date | undefined): string {
  const s = v === undefined ? '' : v instanceof Date ? formatChinaDateTime(v) : String(v);
  const safe = typeof v === 'string' && FORMULA_START.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a BOM, CRLF: what Excel opens directly, Chinese included. */
export function toCsv(sheet: Sheet): SheetFile {
  const lines = [sheet.columns.map((c) => c.header), ...sheet.rows].map((r) => r.map(csvCell).join(','));
  return { mimeType: 'text/csv;charset=utf-8', bytes: Buffer.from('\uFEFF' + lines.join('\r\n'), 'utf8') };
}
