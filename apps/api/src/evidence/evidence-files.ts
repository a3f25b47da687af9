// What an evidence file may be, and reading the multipart form it arrives in. The declared type is
// checked before the bytes are read (a refused file costs no memory) and the bytes are checked
// against it afterwards, so a renamed executable is not kept as a "photo".
import type { Locale } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import { PayloadError } from '../platform/errors/api-errors.js';
import { readMultipartForm, type MultipartRules } from '../platform/multipart/multipart-form.js';
import { say } from '../platform/validation/locale.js';

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

/** What an evidence upload keeps: the declared type is checked before the file's bytes are read. */
export const EVIDENCE_FORM: MultipartRules = {
  refuseFile(mimetype, locale) {
    if (isEvidenceType(mimetype)) return null;
    return new PayloadError(
      415,
      'unsupported_media_type',
      say(
        locale,
        `不支持的文件类型 ${mimetype}：只接受 JPEG、PNG、WebP 图片和 PDF 文件。`,
        `Unsupported file type ${mimetype}: only JPEG, PNG and WebP images and PDF files are accepted.`,
      ),
    );
  },
};

/** The fields and files of an evidence upload (read once per request, see readMultipartForm). */
export async function readUploadForm(request: FastifyRequest, locale: Locale): Promise<UploadForm> {
  const form = await readMultipartForm(request, EVIDENCE_FORM, locale);
  return {
    fields: form.fields,
    // EVIDENCE_FORM refused every other type before reading it.
    files: form.files.flatMap(({ fileName, mimetype, bytes }) =>
      isEvidenceType(mimetype) ? [{ fileName, type: mimetype, bytes }] : [],
    ),
  };
}

/** A file name safe to show and to put in a Content-Disposition header: no folders, no control characters. */
export function cleanFileName(name: string, type: EvidenceType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // By code point, so an unpaired surrogate is a one-unit "character" of its own (dropped: it is
  // no text) and the cut at 200 never halves a pair.
  const kept = [...base].filter((char) => {
    const code = char.charCodeAt(0);
    const loneSurrogate = char.length === 1 && code >= 0xd800 && code <= 0xdfff;
    return char !== '"' && code >= 0x20 && code !== 0x7f && !loneSurrogate;
  });
  const cleaned = [...kept.join('').trim()].slice(0, 200).join('');
  return cleaned || `evidence.${EXTENSION[type]}`;
}

/** What counts as a photo (a matter's, a case's, a logbook entry's); a PDF belongs to a pilot's records. */
export const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);
