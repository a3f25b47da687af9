import { error } from '@sveltejs/kit';
import { matterStatusSchema } from '@pilot/domain';
import type { Attachment, EvidenceFile } from '$lib/api/field-work';
import type {
  DuplicateCandidate,
  MatterActionName,
  MatterDetail,
  MatterList,
  MatterStats,
  Party,
} from '$lib/api/matter-types';
import { matterQuery, type MatterFilters } from '$lib/components/matters/filters';
import type { Api, ApiFailure, ApiResult, ClientOutcome } from './api';
import { FILES_PER_UPLOAD, toAttachment } from './field-work';

/*
 * The matters (事项) routes of the API, in one place. They are not in the OpenAPI document yet, so
 * the typed client cannot name them; the one loose view of the client below is the only untyped
 * door, and its answers are typed by matter-types.ts (to become ResponseOf<…> once generated).
 */

type Query = Record<string, string | number | boolean | undefined>;
interface LooseClient {
  GET(path: string, init: { params?: { query?: Query } }): Promise<ClientOutcome<unknown>>;
  POST(
    path: string,
    init: {
      body?: unknown;
      headers?: Record<string, string>;
      bodySerializer?: () => FormData;
    },
  ): Promise<ClientOutcome<unknown>>;
}

/** One call through the client, with the raw error body kept (a 409's duplicate candidates). */
async function loose<T>(
  api: Api,
  run: (client: LooseClient) => Promise<ClientOutcome<unknown>>,
): Promise<{ result: ApiResult<T>; errorBody: unknown }> {
  let errorBody: unknown = null;
  const result = await api.call(async (client) => {
    // The matters routes are missing from the generated `paths`; see the note at the top.
    const outcome = await run(client as unknown as LooseClient);
    errorBody = outcome.error ?? null;
    return outcome as ClientOutcome<T>;
  });
  return { result, errorBody };
}

const path = (id: string, action?: string) =>
  `/matters/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export async function listMatters(api: Api, filters: MatterFilters, pageSize: number) {
  const { result } = await loose<MatterList>(api, (c) =>
    c.GET('/matters', { params: { query: { ...matterQuery(filters), pageSize } } }),
  );
  return result;
}

export async function matterOf(api: Api, id: string) {
  const { result } = await loose<MatterDetail>(api, (c) => c.GET(path(id), {}));
  return result;
}

/** Turns a failed detail load into the error page with the API's message. */
export function matterLoadFailed(failure: ApiFailure): never {
  error(failure.status >= 400 && failure.status < 600 ? failure.status : 502, failure.message);
}

export async function listParties(api: Api): Promise<Party[]> {
  const { result } = await loose<{ items: Party[] } | Party[]>(api, (c) => c.GET('/parties', {}));
  if (!result.ok) return [];
  return Array.isArray(result.data) ? result.data : result.data.items;
}

export async function matterStats(api: Api, query: { from?: string; to?: string; groupBy: string }) {
  const { result } = await loose<MatterStats>(api, (c) => c.GET('/matters/stats', { params: { query } }));
  return result;
}

/**
 * The name of the compound a QR code names, for the report form's heading; empty when this user
 * may not read it (the report still goes to that compound, and the API checks the resident lives
 * there).
 */
export async function compoundNameOf(api: Api, id: string): Promise<string> {
  const { result } = await loose<{ name?: unknown }>(api, (c) =>
    c.GET(`/compounds/${encodeURIComponent(id)}`, {}),
  );
  return result.ok && typeof result.data.name === 'string' ? result.data.name : '';
}

/** The 409 that asks "the same problem?", with the matters the API thinks it may be. */
export function duplicatesOf(failure: ApiFailure, body: unknown): DuplicateCandidate[] | null {
  if (failure.status !== 409 || !failure.reasons.some((r) => r.code === 'matter_possible_duplicate'))
    return null;
  const inner = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {};
  const list = Array.isArray(inner.candidates) ? inner.candidates : [];
  return list.filter(isRecord).map((entry) => ({
    number: String(entry.number ?? ''),
    location: String(entry.location ?? ''),
    status: matterStatusSchema.catch('reported').parse(entry.status),
    createdAt: String(entry.createdAt ?? ''),
  }));
}

export async function createMatter(api: Api, body: Record<string, unknown>, key: string) {
  const { result, errorBody } = await loose<MatterDetail>(api, (c) =>
    c.POST('/matters', { body, headers: { 'idempotency-key': key } }),
  );
  return { result, duplicates: result.ok ? null : duplicatesOf(result.error, errorBody) };
}

export async function actOnMatter(
  api: Api,
  id: string,
  action: MatterActionName,
  body: Record<string, unknown>,
  key: string,
) {
  const { result } = await loose<unknown>(api, (c) =>
    c.POST(path(id, action), { body, headers: { 'idempotency-key': key } }),
  );
  return result;
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
    const { result } = await loose<{ items: EvidenceFile[] }>(api, (c) =>
      // The body is the FormData built above; openapi-fetch sends it as it is.
      c.POST('/evidence', { body: form, bodySerializer: () => form }),
    );
    if (!result.ok) return result;
    stored.push(...result.data.items.map(toAttachment));
  }
  return { ok: true, status: 201, data: stored };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
