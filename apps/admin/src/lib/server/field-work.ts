import { error } from '@sveltejs/kit';
import { canonicalJson, fnv1a64 } from '@pilot/domain';
import type { Attachment, EvidenceFile } from '$lib/api/field-work';
import type { SessionUser, UserRole } from '$lib/api/types';
import type { StandardInfo } from '$lib/components/rectifications/types';
import { pick, translate, type Locale } from '$lib/i18n';
import type { Api, ApiFailure, ApiResult } from './api';
import { requireUser } from './guard';

/*
 * Server helpers of the field-work screens: evidence uploads and downloads through the API (the
 * browser never holds the API's token), idempotency keys for writes a phone may send twice, and
 * one readable message for an API refusal.
 */

/**
 * The signed-in user when their role may open this screen, else 403. For screens a role reaches
 * without a navigation entry of its own (a firm opens its self-inspection from 我的小区).
 */
export function requireRole(locals: App.Locals, url: URL, roles: readonly UserRole[]): SessionUser {
  const user = requireUser(locals, url);
  if (!roles.includes(user.role)) error(403, translate(locals.locale, 'errors.forbidden'));
  return user;
}

/** Turns an API failure of a page's load into the error page, with the API's message. */
export function loadFailed(failure: ApiFailure): never {
  error(failure.status >= 400 && failure.status < 600 ? failure.status : 502, failure.message);
}

/** At most this many files go to the API in one upload (its own limit). */
export const FILES_PER_UPLOAD = 10;

export function toAttachment(file: EvidenceFile): Attachment {
  return { id: file.id, name: file.fileName, contentType: file.contentType };
}

/** Uploads `files` as evidence of the pilot, in batches the API accepts; stops at the first refusal. */
export async function uploadEvidence(
  api: Api,
  pilotId: string,
  files: readonly File[],
): Promise<ApiResult<Attachment[]>> {
  const stored: Attachment[] = [];
  for (let start = 0; start < files.length; start += FILES_PER_UPLOAD) {
    const form = new FormData();
    form.set('pilotId', pilotId);
    for (const file of files.slice(start, start + FILES_PER_UPLOAD)) form.append('file', file, file.name);
    const result = await api.call((c) =>
      c.POST('/evidence', {
        // The document types the multipart parts as strings; openapi-fetch sends a FormData as is.
        body: form as unknown as { file: string[]; pilotId: string },
        bodySerializer: (body) => body as unknown as FormData,
      }),
    );
    if (!result.ok) return result;
    stored.push(...result.data.items.map(toAttachment));
  }
  return { ok: true, status: 201, data: stored };
}

export interface EvidenceDownload {
  body: ReadableStream<Uint8Array>;
  headers: Headers;
}

/** The file as the API serves it (type, length, name, checksum), to pass on to the browser. */
export async function downloadEvidence(api: Api, id: string): Promise<ApiResult<EvidenceDownload>> {
  let headers = new Headers();
  const result = await api.call(async (c) => {
    const outcome = await c.GET('/evidence/{id}', { params: { path: { id } }, parseAs: 'stream' });
    headers = outcome.response.headers;
    return outcome;
  });
  if (!result.ok) return result;
  const body = result.data as unknown as ReadableStream<Uint8Array> | null;
  if (!body)
    return { ok: false, error: { status: 502, code: 'empty', message: '', issues: [], reasons: [] } };
  return { ok: true, status: result.status, data: { body, headers } };
}

/**
 * An Idempotency-Key for a write whose body is `body`: the same answer sent twice (a retry after the
 * connection dropped) is the same request and is recorded once; a changed answer is a new request.
 */
export function idempotencyKey(action: string, id: string, body: unknown): string {
  const safeId = id.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 60);
  return `${action}.${safeId}.${fnv1a64(canonicalJson(body))}`;
}

/** The refusal's reasons in the user's language when the pilot gave any, else the API's message. */
export function failureText(error: ApiFailure, locale: Locale): string {
  if (error.reasons.length > 0) return error.reasons.map((reason) => pick(reason, locale)).join(' ');
  if (error.issues.length > 0) return error.issues.map((issue) => issue.message).join(' ');
  return error.message;
}

export type { StandardInfo };

/**
 * The standards behind rectification items, by pilot then code, from each pilot's own catalogue
 * version (the catalogue is versioned data; a title may differ between versions). Best effort: a
 * pilot or version that cannot be read leaves its items showing their codes only.
 */
export async function standardsOfPilots(
  api: Api,
  pilotIds: readonly string[],
): Promise<Record<string, Record<string, StandardInfo>>> {
  const wanted = [...new Set(pilotIds)];
  if (wanted.length === 0) return {};
  const versionOf = new Map<string, string>();
  if (wanted.length === 1) {
    const id = wanted[0] ?? '';
    const pilot = await api.call((c) => c.GET('/pilots/{id}', { params: { path: { id } } }));
    if (pilot.ok) versionOf.set(id, pilot.data.catalogueVersionId);
  } else {
    const pilots = await api.call((c) => c.GET('/pilots', { params: { query: { pageSize: 100 } } }));
    if (pilots.ok) for (const pilot of pilots.data.items) versionOf.set(pilot.id, pilot.catalogueVersionId);
  }
  const versions = [...new Set(wanted.map((id) => versionOf.get(id)).filter((v): v is string => !!v))];
  const byVersion = new Map<string, Record<string, StandardInfo>>();
  await Promise.all(
    versions.map(async (id) => {
      const version = await api.call((c) => c.GET('/catalogue/versions/{id}', { params: { path: { id } } }));
      if (!version.ok) return;
      byVersion.set(
        id,
        Object.fromEntries(
          version.data.standards.map((s) => [s.code, { title: s.title, requirement: s.requirement }]),
        ),
      );
    }),
  );
  const result: Record<string, Record<string, StandardInfo>> = {};
  for (const id of wanted) {
    const version = versionOf.get(id);
    const standards = version ? byVersion.get(version) : undefined;
    if (standards) result[id] = standards;
  }
  return result;
}
