import { fail } from '@sveltejs/kit';
import type { operations } from '@pilot/api-client';
import { translate } from '$lib/i18n';
import type { Api, ApiFailure } from './api';
import { fieldErrors } from './api';
import { failureText } from './field-work';

/* The governance routes of the API (常态化巡查, 四方联席, 居民注册审核), as the screens call them. */

type Json<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

export type CompleteVisitBody = Json<'completePatrolVisit'>;
export type CreateMeetingBody = Json<'createMeeting'>;
export type HoldMeetingBody = Json<'holdMeeting'>;
export type OpinionBody = Json<'addMeetingOpinion'>;
export type LedgerQuery = NonNullable<operations['patrolLedger']['parameters']['query']>;
export type RegisterBody = Json<'register'>;

/** Today and this month on the subdistrict's clock (Asia/Shanghai), whatever the server's zone. */
export function today(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
export const thisMonth = (now = new Date()): string => today(now).slice(0, 7);

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function plansOf(api: Api, month: string) {
  return api.call((c) => c.GET('/patrols/plans', { params: { query: { month } } }));
}

export function planOf(api: Api, id: string) {
  return api.call((c) => c.GET('/patrols/plans/{id}', { params: { path: { id } } }));
}

export function createPlan(api: Api, month: string) {
  return api.call((c) => c.POST('/patrols/plans', { body: { month } }));
}

export function visitsOn(api: Api, query: { date?: string; from?: string; to?: string }) {
  return api.call((c) => c.GET('/patrols/visits', { params: { query } }));
}

export function completeVisit(api: Api, id: string, body: CompleteVisitBody, key: string) {
  return api.call((c) =>
    c.POST('/patrols/visits/{id}/complete', {
      params: { path: { id } },
      body,
      headers: { 'idempotency-key': key },
    }),
  );
}

export function ledgerOf(api: Api, query: LedgerQuery) {
  return api.call((c) => c.GET('/patrols/ledger', { params: { query } }));
}

export function listMeetings(api: Api, query: { communityId?: string; month?: string }) {
  return api.call((c) => c.GET('/meetings', { params: { query: { ...query, pageSize: 50 } } }));
}

export function meetingOf(api: Api, id: string) {
  return api.call((c) => c.GET('/meetings/{id}', { params: { path: { id } } }));
}

export function createMeeting(api: Api, body: CreateMeetingBody) {
  return api.call((c) => c.POST('/meetings', { body }));
}

export function addOpinion(api: Api, id: string, body: OpinionBody) {
  return api.call((c) => c.POST('/meetings/{id}/opinions', { params: { path: { id } }, body }));
}

export function holdMeeting(api: Api, id: string, body: HoldMeetingBody, key: string) {
  return api.call((c) =>
    c.POST('/meetings/{id}/hold', { params: { path: { id } }, body, headers: { 'idempotency-key': key } }),
  );
}

export function publishFeedback(api: Api, id: string, feedback: string) {
  return api.call((c) => c.POST('/meetings/{id}/feedback', { params: { path: { id } }, body: { feedback } }));
}

export function listApplications(api: Api, status: 'pending' | 'approved' | 'rejected') {
  return api.call((c) => c.GET('/residents/applications', { params: { query: { status, pageSize: 100 } } }));
}

export function approveApplication(api: Api, id: string) {
  return api.call((c) => c.POST('/residents/applications/{id}/approve', { params: { path: { id } } }));
}

export function rejectApplication(api: Api, id: string, reason: string) {
  return api.call((c) =>
    c.POST('/residents/applications/{id}/reject', { params: { path: { id } }, body: { reason } }),
  );
}

export function registerResident(api: Api, body: RegisterBody) {
  return api.call((c) => c.POST('/residents/applications', { body }));
}

/**
 * The compound of a poster's 扫码报事 link (`/report?compound=…`) that sent a visitor without an
 * account to log in, so the registration link can carry it on; null for any other destination.
 */
export function compoundOfReportLink(redirectTo: string | null): string | null {
  if (!redirectTo?.startsWith('/')) return null;
  const base = 'http://admin.invalid';
  const url = new URL(redirectTo, base);
  const id = url.searchParams.get('compound')?.trim() ?? '';
  return url.origin === base && url.pathname === '/report' && ID.test(id) ? id : null;
}

export function reportLinkOf(api: Api, id: string) {
  return api.call((c) => c.GET('/compounds/{id}/report-link', { params: { path: { id } } }));
}

/** What a governance form action answers when it fails: the form's name, its message, its fields. */
export interface GovernanceProblem {
  form: string;
  message: string | null;
  fields: Record<string, string>;
  values: Record<string, string>;
}

export function refuse(
  form: string,
  status: number,
  message: string | null,
  fields: Record<string, string> = {},
  values: Record<string, string> = {},
) {
  const problem: GovernanceProblem = { form, message, fields, values };
  return fail(status >= 400 && status <= 599 ? status : 500, { problem });
}

export function apiRefuse(
  form: string,
  error: ApiFailure,
  locale: App.Locals['locale'],
  values: Record<string, string> = {},
) {
  return refuse(
    form,
    error.status,
    failureText(error, locale),
    error.status === 400 ? fieldErrors(error) : {},
    values,
  );
}

export const requiredText = (locale: App.Locals['locale']) => translate(locale, 'matters.required');

export const field = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** Names typed in one box, split at the separators people use (、，, and spaces). */
export const namesOf = (value: string): string[] =>
  value
    .split(/[、，,;；\s]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');

export const textValues = (form: FormData): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === 'string') values[name] = value;
  return values;
};
