import type { operations } from '@pilot/api-client';
import type { Api } from './api';

/* The 三微案例 and 信息公开 routes of the API, as the screens call them. */

type Json<Op extends keyof operations> = operations[Op] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
type Ok<Op extends keyof operations> = operations[Op] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export type SubmitCaseBody = Json<'submitCase'>;
export type ReviewCaseBody = Json<'reviewCase'>;
export type CreateIssueBody = Json<'createCaseIssue'>;
export type MicroCasePage = Ok<'listCases'>;
export type MicroCaseView = MicroCasePage['items'][number];
export type CaseIssueList = Ok<'listCaseIssues'>;
export type CaseIssueView = Ok<'getCaseIssue'>;
export type DisclosurePreview = Ok<'previewDisclosure'>;
export type DisclosureHistory = Ok<'listDisclosureSnapshots'>;
export type PublicDisclosure = Ok<'publicDisclosure'>;
export type DisclosureContent = PublicDisclosure['content'];

export const CASE_TYPES = ['innovation', 'service', 'project'] as const;
export const SECTIONS = ['compounds', 'ranking', 'lists', 'cases', 'matters'] as const;
export type Section = (typeof SECTIONS)[number];

export type CaseStatus = MicroCaseView['status']['code'];

export function listCases(api: Api, query: { status?: CaseStatus[]; pageSize?: number }) {
  return api.call((c) => c.GET('/cases', { params: { query: { pageSize: 50, ...query } } }));
}

export function submitCase(api: Api, body: SubmitCaseBody) {
  return api.call((c) => c.POST('/cases', { body }));
}

export function reviseCase(api: Api, id: string, body: SubmitCaseBody) {
  return api.call((c) => c.POST('/cases/{id}/revise', { params: { path: { id } }, body }));
}

export function reviewCase(api: Api, id: string, body: ReviewCaseBody) {
  return api.call((c) => c.POST('/cases/{id}/review', { params: { path: { id } }, body }));
}

export function listIssues(api: Api) {
  return api.call((c) => c.GET('/case-issues'));
}

export function createIssue(api: Api, body: CreateIssueBody) {
  return api.call((c) => c.POST('/case-issues', { body }));
}

export function publishIssue(api: Api, id: string) {
  return api.call((c) => c.POST('/case-issues/{id}/publish', { params: { path: { id } }, body: {} }));
}

export function previewDisclosure(api: Api, subdistrict: string, sections: readonly Section[]) {
  return api.call((c) =>
    c.GET('/disclosure/preview', { params: { query: { subdistrict, sections: [...sections] } } }),
  );
}

export function publishDisclosure(api: Api, subdistrict: string, sections: readonly Section[]) {
  return api.call((c) => c.POST('/disclosure/snapshots', { body: { subdistrict, sections: [...sections] } }));
}

export function disclosureHistory(api: Api) {
  return api.call((c) => c.GET('/disclosure/snapshots', { params: { query: {} } }));
}

export function publicDisclosure(api: Api, subdistrict: string) {
  return api.call((c) => c.GET('/public/subdistricts/{name}', { params: { path: { name: subdistrict } } }));
}

/** The subdistricts of the communities on the register (the demo has one, 锦水街道). */
export async function subdistrictsOf(api: Api): Promise<string[]> {
  const result = await api.call((c) => c.GET('/communities', { params: { query: { pageSize: 100 } } }));
  if (!result.ok) return [];
  return [...new Set(result.data.items.map((community) => community.subdistrict))].sort();
}
