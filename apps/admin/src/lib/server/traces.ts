import { error } from '@sveltejs/kit';
import type { operations } from '@pilot/api-client';
import { CATALOGUE_2026_1, keyPartsOf } from '@pilot/domain';
import type { Attachment } from '$lib/api/field-work';
import type { Ref } from '$lib/api/pilot-types';
import type { UserRole } from '$lib/api/types';
import { parseAttachments } from '$lib/components/inspection/form-fields';
import { translate } from '$lib/i18n';
import type { Api, ApiFailure, ApiResult } from './api';
import { allCompounds, loadPlaces } from './directory';
import { uploadMatterEvidence } from './matters';

/* The 痕迹化管理 routes of the API (`/traces/...`), as the screens call them. */

type Json<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export type CreateEquipmentBody = Json<'createEquipment'>;
export type RecordEntryBody = Json<'recordLogbookEntry'>;
export type PatrolRouteBody = Json<'createPatrolRoute'>;
export type StewardBody = Json<'assignSteward'>;

/** Ids as the API makes them (cuid-like, or the demo's `eq-mg-lift-5-1`); anything else is a 404. */
export const ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The roles that write: a compound's own firm (the API checks which compounds are its own). */
export const WRITERS: readonly UserRole[] = ['firm'];
/** Who may print the labels (the inspector reads the records, the label sheet is the firm's and the group's). */
export const LABEL_PRINTERS: readonly UserRole[] = ['firm', 'coordinator', 'admin'];

/**
 * The compounds the user can pick: a firm's own, every compound for the working group and admins
 * (`GET /compounds` is scoped by role), and for an inspector those of the pilots they inspect.
 */
export async function compoundsFor(api: Api, role: UserRole): Promise<Ref[]> {
  if (role === 'inspector') return (await loadPlaces(api)).compounds;
  const result = await allCompounds(api);
  return result.ok ? result.data.map((compound) => ({ id: compound.id, name: compound.name })) : [];
}

export function compoundTraces(api: Api, id: string) {
  return api.call((c) => c.GET('/traces/compounds/{id}', { params: { path: { id } } }));
}

export function equipmentRecord(api: Api, id: string) {
  return api.call((c) => c.GET('/traces/equipment/{id}', { params: { path: { id } } }));
}

export function logbookEntry(api: Api, id: string) {
  return api.call((c) => c.GET('/traces/entries/{id}', { params: { path: { id } } }));
}

export type EntryQuery = NonNullable<operations['listLogbookEntries']['parameters']['query']>;

export function logbookEntries(api: Api, query: EntryQuery) {
  return api.call((c) => c.GET('/traces/entries', { params: { query } }));
}

export function createEquipment(api: Api, body: CreateEquipmentBody) {
  return api.call((c) => c.POST('/traces/equipment', { body }));
}

export function recordEntry(api: Api, body: RecordEntryBody) {
  return api.call((c) => c.POST('/traces/entries', { body }));
}

export function createRoute(api: Api, body: PatrolRouteBody) {
  return api.call((c) => c.POST('/traces/routes', { body }));
}

export function setRouteActive(api: Api, id: string, active: boolean) {
  return api.call((c) =>
    c.POST('/traces/routes/{id}/active', { params: { path: { id } }, body: { active } }),
  );
}

export function assignSteward(api: Api, body: StewardBody) {
  return api.call((c) => c.POST('/traces/stewards', { body }));
}

export function endSteward(api: Api, id: string) {
  return api.call((c) => c.POST('/traces/stewards/{id}/end', { params: { path: { id } }, body: {} }));
}

export function myStewards(api: Api) {
  return api.call((c) => c.GET('/traces/my-stewards'));
}

/** 规范操作 from the logbooks for the dashboard; null when the API has no such figure (yet) or refuses. */
export async function recordKeeping(api: Api) {
  const result = await api.call((c) =>
    c.GET('/dashboard/record-keeping', { params: { query: { months: 12 } } }),
  );
  return result.ok ? result.data : null;
}

/** The page's data, or the error page with the API's words (404 in the UI's own). */
export function orError<T>(locals: App.Locals, result: ApiResult<T>): T {
  if (result.ok) return result.data;
  failed(locals, result.error);
}

export function failed(locals: App.Locals, failure: ApiFailure): never {
  const notFound = failure.status === 404;
  error(notFound ? 404 : failure.status >= 400 && failure.status < 600 ? failure.status : 502, {
    message: notFound ? translate(locals.locale, 'errors.notFound') : failure.message,
    ...(failure.requestId ? { requestId: failure.requestId } : {}),
  });
}

/** 重点部位 a piece of equipment or a checkpoint may sit in (the current catalogue's places). */
export function keyPartChoices(): Array<{ code: string; name: { zh: string; en: string } }> {
  return keyPartsOf(CATALOGUE_2026_1).map((part) => ({ code: part.code, name: part.name }));
}

/** At most this many photos on one entry (MAX_ENTRY_PHOTOS of the domain). */
const FILES_MAX = 6;

/**
 * The photos a posted entry form carries: those the page uploaded as they were taken (their ids as
 * JSON in `photoIds`) and, from a page without JavaScript, files in `photo`, uploaded here first as
 * the user's own (POST /evidence without a pilot, as 三微案例 does).
 */
export async function photosOf(
  api: Api,
  form: FormData,
): Promise<{ ok: true; photos: Attachment[] } | { ok: false; photos: Attachment[]; error: ApiFailure }> {
  const kept = parseAttachments(String(form.get('photoIds') ?? ''));
  const files = form
    .getAll('photo')
    .filter((value): value is File => typeof value === 'object' && value !== null && value.size > 0)
    .slice(0, Math.max(0, FILES_MAX - kept.length));
  if (files.length === 0) return { ok: true, photos: kept };
  const uploaded = await uploadMatterEvidence(api, null, files);
  if (!uploaded.ok) return { ok: false, photos: kept, error: uploaded.error };
  return { ok: true, photos: [...kept, ...uploaded.data] };
}
