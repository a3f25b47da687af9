// Spreadsheets for the import tests, made with exceljs as an office suite would save them. exceljs
// is a dependency of the API (it reads the uploads), not of the admin, so it is loaded from the
// API's own dependencies here rather than added to this package.
import { createRequire } from 'node:module';
import type * as ExcelJSModule from '../../../api/node_modules/exceljs';

const requireFromApi = createRequire(new URL('../../../api/package.json', import.meta.url));
// require() is untyped; this is the package whose declarations the type import above names.
const ExcelJS = requireFromApi('exceljs') as typeof ExcelJSModule;

export type Cell = string | number;

/** The bytes as the ArrayBuffer exceljs's load wants: a Buffer's own slice of its memory is one. */
function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  // Buffer.buffer is typed ArrayBufferLike (it could be shared memory); Node's Buffers are plain ones.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The downloaded template with `rows` written over its example row (row 2 on): the headers, the
 * drop-downs and the instructions sheet stay as the template has them, as when an office fills it.
 */
export async function fillTemplate(template: Buffer, rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(arrayBufferOf(template));
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('the template has no worksheet');
  rows.forEach((cells, index) => {
    const row = sheet.getRow(index + 2);
    cells.forEach((value, column) => {
      row.getCell(column + 1).value = value;
    });
    row.commit();
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The header row of a workbook's first sheet, and the names of its sheets. */
export async function headersOf(bytes: Buffer): Promise<{ sheets: string[]; headers: string[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(arrayBufferOf(bytes));
  const sheet = book.worksheets[0];
  const headers: string[] = [];
  sheet?.getRow(1).eachCell((cell) => headers.push(cell.text));
  return { sheets: book.worksheets.map((entry) => entry.name), headers };
}
