import type { FastifyReply } from 'fastify';

export type CsvValue = string | number | boolean | null | undefined;

/** A finished download: what the controller sends and the headers that describe it. */
export interface CsvFile {
  /** Shown to people (may be Chinese); an ASCII fallback is derived for old clients. */
  fileName: string;
  asciiFileName: string;
  body: string;
  rows: number;
}

/** Excel reads a UTF-8 file as the local ANSI code page (GBK on Chinese Windows) unless it starts with a BOM. */
const BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula (CSV injection): a finding typed as `=HYPERLINK(...)`
 * must stay text. A leading apostrophe is how Excel itself marks "this is text".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends, quoted where needed) with a BOM, header row first. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header.map(cell).join(','), ...rows.map((row) => row.map(cell).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function csvFile(
  fileName: string,
  asciiFileName: string,
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvValue[]>,
): CsvFile {
  return { fileName, asciiFileName, body: toCsv(header, rows), rows: rows.length };
}

/**
 * Content-Disposition with both forms (RFC 6266): `filename` in ASCII for clients that know no
 * better, `filename*` in UTF-8 so browsers save the Chinese name.
 */
export function contentDisposition(fileName: string, asciiFileName: string): string {
  return `attachment; filename="${asciiFileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Headers for a CSV download; the controller then returns the body. */
export function sendCsv(reply: FastifyReply, file: CsvFile): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
    .header('x-row-count', String(file.rows))
    .header('cache-control', 'no-store');
  return file.body;
}
