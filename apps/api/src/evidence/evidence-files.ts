// What an evidence file may be, and reading the multipart form it arrives in. The declared type is
// checked before the bytes are read (a refused file costs no memory) and the bytes are checked
// against it afterwards, so a renamed executable is not kept as a "photo".
import type { Locale } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import { PayloadError } from '../platform/errors/api-errors.js';
import { MAX_UPLOAD_BYTES } from '../platform/upload-limits.js';

/** Photos from phones, scanned records and documents (佐证材料: 照片、记录、文件). */
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const EXTENSION: Record<EvidenceType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, to));

/** Whether the file's first bytes are those of its declared type. */
export function bytesMatch(type: EvidenceType, bytes: Uint8Array): boolean {
  switch (type) {
    case 'image/jpeg':
      return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    case 'image/png':
      return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((value, index) => bytes[index] === value);
    case 'image/webp':
      return ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP';
    case 'application/pdf':
      return ascii(bytes, 0, 5) === '%PDF-';
  }
}

export function isEvidenceType(type: string): type is EvidenceType {
  return (EVIDENCE_TYPES as readonly string[]).includes(type);
}

export interface UploadedFile {
  fileName: string;
  type: EvidenceType;
  bytes: Buffer;
}

export interface UploadForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

const say = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

function tooLarge(locale: Locale): PayloadError {
  const mib = MAX_UPLOAD_BYTES / 1024 / 1024;
  return new PayloadError(
    413,
    'payload_too_large',
    say(
      locale,
      `单个文件不能超过 ${mib} MB，每次最多 10 个文件。`,
      `Each file may be at most ${mib} MiB, 10 files per upload.`,
    ),
  );
}

/** The fields and files of a multipart upload; 415 for a body that is not multipart or a type we do not keep, 413 for too much. */
export async function readUploadForm(request: FastifyRequest, locale: Locale): Promise<UploadForm> {
  if (!request.isMultipart()) {
    throw new PayloadError(
      415,
      'unsupported_media_type',
      say(locale, '请以 multipart/form-data 方式上传文件。', 'Upload files as multipart/form-data.'),
    );
  }
  const form: UploadForm = { fields: {}, files: [] };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        form.fields[part.fieldname] = String(part.value);
        continue;
      }
      if (!isEvidenceType(part.mimetype)) {
        throw new PayloadError(
          415,
          'unsupported_media_type',
          say(
            locale,
            `不支持的文件类型 ${part.mimetype}：只接受 JPEG、PNG、WebP 图片和 PDF 文件。`,
            `Unsupported file type ${part.mimetype}: only JPEG, PNG and WebP images and PDF files are accepted.`,
          ),
        );
      }
      form.files.push({ fileName: part.filename, type: part.mimetype, bytes: await part.toBuffer() });
    }
  } catch (error) {
    if (error instanceof PayloadError) throw error;
    // The multipart plugin reports its limits (file size, file count) as 413 errors.
    if ((error as { statusCode?: number }).statusCode === 413) throw tooLarge(locale);
    throw error;
  }
  return form;
}

/** A file name safe to show and to put in a Content-Disposition header: no folders, no control characters. */
export function cleanFileName(name: string, type: EvidenceType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((char) => char !== '"' && char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || `evidence.${EXTENSION[type]}`;
}
