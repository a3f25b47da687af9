import { StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../reporting/csv.js';
import type { PdfFile } from './printing.service.js';

/** A made PDF as the answer: a download under its Chinese name, never kept by a shared cache. */
export function sendPdf(reply: FastifyReply, file: PdfFile): StreamableFile {
  void reply
    .header('content-disposition', contentDisposition(file.fileName, file.asciiFileName))
    .header('cache-control', 'private, no-store');
  return new StreamableFile(file.bytes, { type: 'application/pdf', length: file.bytes.byteLength });
}
