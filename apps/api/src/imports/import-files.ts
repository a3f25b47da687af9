// Reading an uploaded register sheet (an .xlsx workbook or a .csv file) into a table of cell texts,
// and writing the downloadable template. What the cells mean is the domain's (import-sheets.ts).
import ExcelJS from 'exceljs';
import { IMPORT_SHEETS, parseCsv, type ImportKind, type Locale } from '@pilot/domain';
import { PayloadError } from '../platform/errors/api-errors.js';
import type { MultipartRules } from '../platform/multipart/multipart-form.js';
import { say } from '../platform/validation/locale.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Types browsers and office suites declare for these files: .csv arrives as text/csv, or as
 * application/vnd.ms-excel from Windows with Excel installed; the bytes decide what it really is.
 */
const SHEET_TYPES = new Set([XLSX_TYPE, 'text/csv', 'application/vnd.ms-excel', 'application/octet-stream']);

export const IMPORT_FORM: MultipartRules = {
  refuseFile(mimetype, locale) {
    if (SHEET_TYPES.has(mimetype)) return null;
    return new PayloadError(
      415,
      'unsupported_media_type',
      say(
        locale,
        `不支持的文件类型 ${mimetype}：请上传 Excel 工作簿（.xlsx）或 CSV 文件。`,
        `Unsupported file type ${mimetype}: upload an Excel workbook (.xlsx) or a CSV file.`,
      ),
    );
  },
};

function unreadable(locale: Locale, zh: string, en: string): PayloadError {
  return new PayloadError(415, 'unreadable_sheet', say(locale, zh, en));
}

/** An .xlsx is a zip archive; the old binary .xls (an OLE file) is refused with a hint to re-save. */
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
const isOle = (bytes: Uint8Array) =>
  bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/**
 * CSV saved by Excel on Chinese Windows is GB18030 (GBK) unless saved as "CSV UTF-8"; text that is
 * not valid UTF-8 is read as GB18030, which also covers GBK and GB2312.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function cellText(cell: ExcelJS.Cell): string {
  // Whole numbers Excel stores as floats print without a fraction; dates as the office wrote them.
  const value = cell.value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  return cell.text ?? '';
}

/** The sheet's rows as texts: the worksheet named like the template's, else the first one. */
export async function readSheetTable(kind: ImportKind, bytes: Buffer, locale: Locale): Promise<string[][]> {
  if (isOle(bytes)) {
    throw unreadable(
      locale,
      '这是旧版 Excel 文件（.xls），请在 Excel 中“另存为” .xlsx 工作簿后再上传。',
      'This is an old Excel file (.xls); save it as an .xlsx workbook and upload that.',
    );
  }
  if (!isZip(bytes)) return parseCsv(decodeCsv(bytes));
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's load takes an ArrayBuffer-like; a Buffer's own slice is one.
    await workbook.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    throw unreadable(
      locale,
      '无法读取该 Excel 文件，请确认它是 .xlsx 工作簿且未损坏。',
      'The Excel file cannot be read; make sure it is an intact .xlsx workbook.',
    );
  }
  const title = IMPORT_SHEETS[kind].title.zh;
  const sheet =
    workbook.worksheets.find((candidate) => candidate.name.trim() === title) ?? workbook.worksheets[0];
  if (!sheet) throw unreadable(locale, '工作簿中没有工作表。', 'The workbook has no worksheet.');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) cells.push(cellText(row.getCell(column)));
    table[rowNumber - 1] = cells;
  });
  // Rows Excel never wrote stay holes in the array; they are blank rows to the reader.
  return Array.from(table, (cells) => cells ?? []);
}

/**
 * 导入模板: the sheet with its headers (required ones marked), one example row to overwrite, drop-down
 * lists for the 有/无 and role columns, and a sheet of instructions.
 */
export async function importTemplate(kind: ImportKind): Promise<Buffer> {
  const sheet = IMPORT_SHEETS[kind];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '物业企业激励评价平台';
  const data = workbook.addWorksheet(sheet.title.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = sheet.columns.map((column) => ({
    header: column.required ? `${column.header}*` : column.header,
    key: column.field,
    width: Math.max(12, column.header.length * 2 + 4, column.example.length + 4),
  }));
  data.getRow(1).font = { bold: true };
  data.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  data.addRow(Object.fromEntries(sheet.columns.map((column) => [column.field, column.example])));
  data.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  sheet.columns.forEach((column, index) => {
    const list =
      column.kind === 'flag'
        ? '"有,无"'
        : column.kind === 'role'
          ? '"管理员,街道协调员,检查员,物业企业,居民"'
          : null;
    if (!list) return;
    const letter = data.getColumn(index + 1).letter;
    // Offered, not enforced: the import reads 是/否 and 1/0 too and reports anything else.
    (
      data as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${letter}2:${letter}2000`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [list],
      showErrorMessage: false,
    });
  });
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'header', width: 20 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写要求', key: 'hint', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of sheet.columns) {
    help.addRow({ header: column.header, required: column.required ? '必填' : '选填', hint: column.hint });
  }
  help.addRow({});
  help.addRow({
    header: '说明',
    hint: '第一行是列名，请勿修改；示例行可直接覆盖。先“检查”再“导入”，重复导入同一文件不会重复创建。',
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
