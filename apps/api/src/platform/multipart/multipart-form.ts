// Reading a multipart form once per request, for whoever asks first: the idempotency interceptor
// (whose fingerprint covers every part's content hash) or the route's handler. A form the parser
// cannot read is the client's 400, too much is 413, what is not multipart or a file type the route
// does not keep is 415 — never a 500 from deep inside the parser.
import { createHash } from 'node:crypto';
import { applyDecorators, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import type { Locale } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import { ApiError, InvalidInputError, PayloadError } from '../errors/api-errors.js';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from '../upload-limits.js';
import { invalidTextIn, invalidTextIssue } from '../validation/text-input.js';
import { say } from '../validation/locale.js';

export interface MultipartRules {
  /** A refusal of a file by its declared type, before its bytes are read; null to keep it. */
  refuseFile(mimetype: string, locale: Locale): ApiError | null;
}

export interface FormFile {
  fieldName: string;
  fileName: string;
  mimetype: string;
  bytes: Buffer;
  sha256: string;
}

export interface MultipartFormData {
  fields: Record<string, string>;
  files: FormFile[];
}

/** 400: the body says it is multipart but cannot be read as such (no boundary, cut off, …). */
export class MalformedFormError extends ApiError {
  readonly status = 400;
  readonly code = 'malformed_multipart';
  override text() {
    return {
      zh: '上传的表单格式有误或不完整，请重新选择文件上传。',
      en: 'The uploaded form is malformed or incomplete; upload the files again.',
    };
  }
  override body() {
    return { detail: this.message };
  }
}

function tooLarge(locale: Locale): PayloadError {
  const mib = MAX_UPLOAD_BYTES / 1024 / 1024;
  return new PayloadError(
    413,
    'payload_too_large',
    say(
      locale,
      `单个文件不能超过 ${mib} MB，每次最多 ${MAX_UPLOAD_FILES} 个文件。`,
      `Each file may be at most ${mib} MiB, ${MAX_UPLOAD_FILES} files per upload.`,
    ),
  );
}

function notMultipart(locale: Locale): PayloadError {
  return new PayloadError(
    415,
    'unsupported_media_type',
    say(locale, '请以 multipart/form-data 方式上传文件。', 'Upload files as multipart/form-data.'),
  );
}

function checkText(text: string, path: string, locale: Locale): void {
  const problem = invalidTextIn(text);
  if (problem) throw new InvalidInputError([invalidTextIssue('form', { path: [path], problem }, locale)]);
}

async function read(
  request: FastifyRequest,
  rules: MultipartRules,
  locale: Locale,
): Promise<MultipartFormData> {
  if (!request.isMultipart()) throw notMultipart(locale);
  const form: MultipartFormData = { fields: {}, files: [] };
  try {
    for await (const part of request.parts()) {
      checkText(part.fieldname, part.fieldname, locale);
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        checkText(value, part.fieldname, locale);
        form.fields[part.fieldname] = value;
        continue;
      }
      const refused = rules.refuseFile(part.mimetype, locale);
      if (refused) throw refused;
      const bytes = await part.toBuffer();
      form.files.push({
        fieldName: part.fieldname,
        fileName: part.filename,
        mimetype: part.mimetype,
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The plugin reports its limits (file size, file / field / part count) as 413s; the parser's
    // other complaints (no boundary, a cut-off body, a malformed header) are the sender's.
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (status === 413) throw tooLarge(locale);
    if (status === 415) throw notMultipart(locale);
    throw new MalformedFormError(error instanceof Error ? error.message : 'malformed multipart body');
  }
  return form;
}

// One body can be read only once; both readers of a request get the same form (or the same refusal).
const forms = new WeakMap<FastifyRequest, Promise<MultipartFormData>>();

/** The request's multipart form, read (and checked) on the first call. */
export function readMultipartForm(
  request: FastifyRequest,
  rules: MultipartRules,
  locale: Locale,
): Promise<MultipartFormData> {
  let form = forms.get(request);
  if (!form) {
    form = read(request, rules, locale);
    forms.set(request, form);
  }
  return form;
}

const MULTIPART_RULES = 'pilot:multipart-rules';

/**
 * Marks a route as taking a multipart form with these rules, so that code running before its
 * handler (the idempotency fingerprint) can read the form the same way the handler will.
 */
export const MultipartForm = (rules: MultipartRules) =>
  applyDecorators(SetMetadata(MULTIPART_RULES, rules), ApiConsumes('multipart/form-data'));

export function multipartRulesOf(
  reflector: Reflector,
  handler: ReturnType<ExecutionContext['getHandler']>,
): MultipartRules | undefined {
  return reflector.get<MultipartRules | undefined>(MULTIPART_RULES, handler);
}
