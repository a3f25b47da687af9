import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { xlsxLedger, type LedgerTable } from '../printing/xlsx-ledger.js';
import { contentDisposition, csvFile, type CsvFile } from '../reporting/csv.js';

/** One export (a 台账) before it becomes a file: the same rows go to CSV and to Excel. */
export interface Ledger extends LedgerTable {
  /** The file's name without extension, in the caller's language, and its ASCII fallback. */
  fileBase: string;
  asciiFileBase: string;
}

export interface XlsxFile {
  fileName: string;
  asciiFileName: string;
  bytes: Buffer;
  rows: number;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ledgerCsv(ledger: Ledger): CsvFile {
  return csvFile(`${ledger.fileBase}.csv`, `${ledger.asciiFileBase}.csv`, ledger.header, ledger.rows);
}

export async function ledgerXlsx(ledger: Ledger, created = new Date()): Promise<XlsxFile> {
  return {
    fileName: `${ledger.fileBase}.xlsx`,
    asciiFileName: `${ledger.asciiFileBase}.xlsx`,
    bytes: await xlsxLedger(ledger, created),
    rows: ledger.rows.length,
  };
}

/** Headers for an .xlsx download, like sendCsv's for CSV. */
export function sendXlsx(reply: FastifyReply, file: XlsxFile): StreamableFile {
  void reply
    .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
    .header('x-row-count', String(file.rows))
    .header('cache-control', 'no-store');
  return new StreamableFile(file.bytes, { type: XLSX_TYPE, length: file.bytes.byteLength });
}
