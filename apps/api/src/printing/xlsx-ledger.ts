// Ledgers (台账) as .xlsx: one sheet, the header row frozen and filterable, column widths from the
// content. Cells keep their type (numbers stay numbers), and a text that starts with "=" stays text:
// exceljs writes a formula only when given one, so there is nothing to defuse as in CSV.
import ExcelJS from 'exceljs';
import type { CsvValue } from '../reporting/csv.js';

export interface LedgerTable {
  /** The sheet's tab name (Excel allows 31 characters, no []:*?/\). */
  sheetName: string;
  header: readonly string[];
  rows: ReadonlyArray<readonly CsvValue[]>;
}

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/g;

/** Display width in Excel's character units: CJK and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
  return width;
}

function cellValue(value: CsvValue): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

export async function xlsxLedger(table: LedgerTable, created: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pilot-platform';
  workbook.created = created;
  workbook.modified = created;
  const sheet = workbook.addWorksheet(table.sheetName.replace(FORBIDDEN_IN_SHEET_NAME, ' ').slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
  });
  sheet.addRow([...table.header]);
  for (const row of table.rows) sheet.addRow(row.map(cellValue));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  });
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1 + table.rows.length, column: table.header.length },
  };
  table.header.forEach((title, index) => {
    // Wide enough for the header and most values, capped so a long finding does not push the rest away.
    const widest = table.rows.reduce((max, row) => {
      const value = row[index];
      return Math.max(max, value === null || value === undefined ? 0 : displayWidth(String(value)));
    }, displayWidth(title));
    sheet.getColumn(index + 1).width = Math.min(Math.max(widest + 2, 8), 60);
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
