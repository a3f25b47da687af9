import type { paths } from '@pilot/api-client';
import { INSPECTOR_KINDS, type InspectorKind } from '$lib/api/pilot-types';

/*
 * 全面推广: the campaign draft as the form carries it and as the API takes it. A compound gets two
 * inspectors, as the demo teams have: the lead holds the concentrated, weekly and consolidation
 * inspections, the second the monthly and quarterly ones (the same person twice: one holds all).
 */

export type CampaignDraftBody = paths['/campaigns']['post']['requestBody']['content']['application/json'];
export type CampaignAssignment = CampaignDraftBody['compounds'][number]['inspectorAssignments'][number];

export const LEAD_KINDS = ['concentrated', 'weekly', 'consolidation'] as const satisfies InspectorKind[];
export const SECOND_KINDS = ['monthly', 'quarterly'] as const satisfies InspectorKind[];

export interface CampaignCompoundValues {
  compoundId: string;
  lead: string;
  second: string;
}

export interface CampaignFormValues {
  name: string;
  originEnrollmentIds: string[];
  invitedFirmIds: string[];
  meetingOn: string;
  meetingPlace: string;
  attendeesSubdistrict: string;
  attendeesCommunity: string;
  attendeesFirms: string;
  meetingMinutes: string;
  startDate: string;
  catalogueVersion: string;
  weeklyCapacity: string;
  compounds: CampaignCompoundValues[];
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const all = (form: FormData, name: string) =>
  form
    .getAll(name)
    .map((v) => String(v).trim())
    .filter((v) => v !== '');

export const leadField = (compoundId: string) => `lead-${compoundId}`;
export const secondField = (compoundId: string) => `second-${compoundId}`;

export function readCampaignForm(form: FormData): CampaignFormValues {
  return {
    name: text(form, 'name'),
    originEnrollmentIds: all(form, 'originEnrollmentIds'),
    invitedFirmIds: all(form, 'invitedFirmIds'),
    meetingOn: text(form, 'meetingOn'),
    meetingPlace: text(form, 'meetingPlace'),
    attendeesSubdistrict: text(form, 'attendeesSubdistrict'),
    attendeesCommunity: text(form, 'attendeesCommunity'),
    attendeesFirms: text(form, 'attendeesFirms'),
    meetingMinutes: text(form, 'meetingMinutes'),
    startDate: text(form, 'startDate'),
    catalogueVersion: text(form, 'catalogueVersion'),
    weeklyCapacity: text(form, 'weeklyCapacity'),
    compounds: all(form, 'compoundIds').map((compoundId) => ({
      compoundId,
      lead: text(form, leadField(compoundId)),
      second: text(form, secondField(compoundId)),
    })),
  };
}

/** Names typed one a line or separated by commas / 、 / ；. */
export function names(typed: string): string[] {
  return typed
    .split(/[\n,，、;；]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The lead's and the second's kinds, as the API wants them: each inspector once. */
export function assignmentsFor(lead: string, second: string): CampaignAssignment[] {
  if (!lead && !second) return [];
  if (!second || second === lead) return [{ inspectorId: lead || second, kinds: [...INSPECTOR_KINDS] }];
  if (!lead) return [{ inspectorId: second, kinds: [...INSPECTOR_KINDS] }];
  return [
    { inspectorId: lead, kinds: [...LEAD_KINDS] },
    { inspectorId: second, kinds: [...SECOND_KINDS] },
  ];
}

/** Back from the API's assignments to the form's two choices (the holder of weekly, of monthly). */
export function leadAndSecond(assignments: readonly CampaignAssignment[]): { lead: string; second: string } {
  const holder = (kind: InspectorKind) => assignments.find((a) => a.kinds.includes(kind))?.inspectorId ?? '';
  return { lead: holder('weekly'), second: holder('monthly') };
}

/**
 * The request body. The firms of the chosen compounds are invited with the ones ticked (a compound
 * cannot be enrolled in a campaign its firm was not convened to).
 */
export function campaignBody(
  values: CampaignFormValues,
  firmOfCompound: ReadonlyMap<string, string>,
): CampaignDraftBody {
  const invited = [...values.invitedFirmIds];
  for (const compound of values.compounds) {
    const firm = firmOfCompound.get(compound.compoundId);
    if (firm && !invited.includes(firm)) invited.push(firm);
  }
  const subdistrict = names(values.attendeesSubdistrict);
  const community = names(values.attendeesCommunity);
  const firms = names(values.attendeesFirms);
  const anyone = subdistrict.length + community.length + firms.length > 0;
  return {
    name: values.name,
    originEnrollmentIds: values.originEnrollmentIds,
    invitedFirmIds: invited,
    meetingOn: values.meetingOn || null,
    meetingPlace: values.meetingPlace || null,
    meetingAttendees: anyone ? { subdistrict, community, firms } : null,
    meetingMinutes: values.meetingMinutes || null,
    startDate: values.startDate,
    catalogueVersion: values.catalogueVersion,
    weeklyCapacity: Number(values.weeklyCapacity || 'NaN'),
    compounds: values.compounds.map((c) => ({
      compoundId: c.compoundId,
      inspectorAssignments: assignmentsFor(c.lead, c.second),
    })),
  };
}

/** 0–4: how full a week is against the capacity, for the heat grid's shade (4: above it). */
export function heatLevel(total: number, capacity: number): 0 | 1 | 2 | 3 | 4 {
  if (total <= 0) return 0;
  if (total > capacity) return 4;
  const share = total / capacity;
  return share <= 1 / 3 ? 1 : share <= 2 / 3 ? 2 : 3;
}
