import { error } from '@sveltejs/kit';
import { matterStatusSchema } from '@pilot/domain';
import type { Attachment } from '$lib/api/field-work';
import type { DuplicateCandidate, Party } from '$lib/api/matter-types';
import { matterQuery, type MatterFilters } from '$lib/components/matters/filters';
import type { operations } from '@pilot/api-client';
import type { Api, ApiFailure, ApiResult } from './api';
import { FILES_PER_UPLOAD, toAttachment } from './field-work';

/* The matters (事项) routes of the API, as the screens call them. */

export function listMatters(api: Api, filters: MatterFilters, pageSize: number) {
  return api.call((c) => c.GET('/matters', { params: { query: { ...matterQuery(filters), pageSize } } }));
}

export function matterOf(api: Api, id: string) {
  return api.call((c) => c.GET('/matters/{id}', { params: { path: { id } } }));
}

/** Turns a failed detail load into the error page with the API's message. */
export function matterLoadFailed(failure: ApiFailure): never {
  error(failure.status >= 400 && failure.status < 600 ? failure.status : 502, failure.message);
}

/** The active partner units (assigning and joint handling pick from them); none when unreadable. */
export async function listParties(api: Api): Promise<Party[]> {
  const result = await api.call((c) => c.GET('/parties'));
  return result.ok ? result.data.items.filter((party) => party.active) : [];
}

export function matterStats(
  api: Api,
  query: { from?: string; to?: string; groupBy: 'party' | 'firm' | 'community' | 'month' },
) {
  return api.call((c) => c.GET('/matters/stats', { params: { query } }));
}

/**
 * The name of the compound a QR code names, for the report form's heading. A resident may not read
 * compounds; the name comes from one of their own matters there, empty when they have none yet
 * (the report still goes to that compound, and the API checks the resident lives there).
 */
export async function compoundNameOf(api: Api, compoundId: string): Promise<string> {
  const result = await api.call((c) =>
    c.GET('/matters', { params: { query: { compoundId, pageSize: 1, sort: 'newest' } } }),
  );
  return (result.ok && result.data.items[0]?.compound?.name) || '';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The 409 that asks "the same problem?", with the matters the API thinks it may be. */
export function duplicatesOf(failure: ApiFailure, body: unknown): DuplicateCandidate[] | null {
  if (failure.status !== 409 || !failure.reasons.some((r) => r.code === 'matter_possible_duplicate'))
    return null;
  const inner = isRecord(body) && isRecord(body.error) ? body.error : {};
  const list = Array.isArray(inner.candidates) ? inner.candidates : [];
  return list.filter(isRecord).map((entry) => ({
    id: String(entry.id ?? ''),
    number: String(entry.number ?? ''),
    location: String(entry.location ?? ''),
    status: matterStatusSchema.catch('reported').parse(entry.status),
    createdAt: String(entry.createdAt ?? ''),
  }));
}

type Json<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export type CreateMatterBody = Json<'createMatter'>;

/** Each action of the loop with the body its route takes. */
export type MatterStep =
  | { action: 'assign'; body: Json<'assignMatter'> }
  | { action: 'accept'; body: Json<'acceptMatter'> }
  | { action: 'return'; body: Json<'returnMatter'> }
  | { action: 'join'; body: Json<'joinMatter'> }
  | { action: 'progress'; body: Json<'matterProgress'> }
  | { action: 'answer'; body: Json<'answerMatter'> }
  | { action: 'rate'; body: Json<'rateMatter'> }
  | { action: 'confirm'; body: Json<'confirmMatter'> }
  | { action: 'cancel'; body: Json<'cancelMatter'> };

/** POST /matters; a 409 "same problem?" comes back with its candidates. */
export async function createMatter(api: Api, body: CreateMatterBody, key: string) {
  let errorBody: unknown = null;
  const result = await api.call(async (c) => {
    const outcome = await c.POST('/matters', { body, headers: { 'idempotency-key': key } });
    errorBody = outcome.error ?? null;
    return outcome;
  });
  return { result, duplicates: result.ok ? null : duplicatesOf(result.error, errorBody) };
}

export function actOnMatter(api: Api, id: string, step: MatterStep, key: string) {
  const init = { params: { path: { id } }, headers: { 'idempotency-key': key } };
  return api.call((c) => {
    switch (step.action) {
      case 'assign':
        return c.POST('/matters/{id}/assign', { ...init, body: step.body });
      case 'accept':
        return c.POST('/matters/{id}/accept', { ...init, body: step.body });
      case 'return':
        return c.POST('/matters/{id}/return', { ...init, body: step.body });
      case 'join':
        return c.POST('/matters/{id}/join', { ...init, body: step.body });
      case 'progress':
        return c.POST('/matters/{id}/progress', { ...init, body: step.body });
      case 'answer':
        return c.POST('/matters/{id}/answer', { ...init, body: step.body });
      case 'rate':
        return c.POST('/matters/{id}/rate', { ...init, body: step.body });
      case 'confirm':
        return c.POST('/matters/{id}/confirm', { ...init, body: step.body });
      case 'cancel':
        return c.POST('/matters/{id}/cancel', { ...init, body: step.body });
    }
  });
}

/** Photos of a matter (or of a report still being written: no id), in batches the API accepts. */
export async function uploadMatterEvidence(
  api: Api,
  matterId: string | null,
  files: readonly File[],
): Promise<ApiResult<Attachment[]>> {
  const stored: Attachment[] = [];
  for (let start = 0; start < files.length; start += FILES_PER_UPLOAD) {
    const form = new FormData();
    if (matterId) form.set('matterId', matterId);
    for (const file of files.slice(start, start + FILES_PER_UPLOAD)) form.append('file', file, file.name);
    const result = await api.call((c) =>
      c.POST('/evidence', {
        // The document types the multipart parts as strings; openapi-fetch sends a FormData as is.
        body: form as unknown as { file: string[] },
        bodySerializer: (body) => body as unknown as FormData,
      }),
    );
    if (!result.ok) return result;
    stored.push(...result.data.items.map(toAttachment));
  }
  return { ok: true, status: 201, data: stored };
}
