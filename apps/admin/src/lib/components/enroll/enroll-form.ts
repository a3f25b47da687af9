import type { paths } from '@pilot/api-client';
import { INSPECTOR_KINDS, type Compound, type InspectorKind } from '$lib/api/pilot-types';
import { pick, translate, type Locale } from '$lib/i18n';
import { kindLabel } from '$lib/i18n/domain-labels';
/** One of the API's 400 field messages (`path` is dotted: `inspectorAssignments.0.inspectorId`). */
export interface ApiIssue {
  path: string;
  message: string;
}

/*
 * 纳入试点: the enrollment form as its fields carry it (one inspector chosen per inspection kind) and
 * as the API takes it (assignments grouped per inspector), and the way back for the API's field
 * messages, so each lands next to the field the coordinator has to change.
 */

export type EnrollBody = paths['/pilots']['post']['requestBody']['content']['application/json'];
export type Assignment = EnrollBody['inspectorAssignments'][number];

export interface EnrollFormValues {
  communityId: string;
  compoundId: string;
  startDate: string;
  catalogueVersion: string;
  /** Inspector id per kind ('' when none chosen yet). */
  inspectors: Record<InspectorKind, string>;
}

/** Kinds no inspector was chosen for. */
export function blankKinds(inspectors: Record<InspectorKind, string>): InspectorKind[] {
  return INSPECTOR_KINDS.filter((kind) => !inspectors[kind]);
}

/**
 * 以下检查尚未指定检查员：周检查、季度专项检查 — the kinds in the reader's words. The API's own message
 * names them by code (`weekly`), which a coordinator should never have to read.
 */
export function unassignedMessage(kinds: readonly InspectorKind[], locale: Locale): string {
  const names = kinds.map((kind) => pick(kindLabel(kind), locale));
  return translate(locale, 'enroll.unassigned', {
    kinds: names.join(translate(locale, 'inspection.listSeparator')),
  });
}

/** The field that carries the inspector of one kind. */
export const inspectorField = (kind: InspectorKind) => `inspector-${kind}` as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export function emptyInspectors(): Record<InspectorKind, string> {
  return Object.fromEntries(INSPECTOR_KINDS.map((kind) => [kind, ''])) as Record<InspectorKind, string>;
}

export function readEnrollForm(form: FormData): EnrollFormValues {
  const inspectors = emptyInspectors();
  for (const kind of INSPECTOR_KINDS) inspectors[kind] = text(form, inspectorField(kind));
  return {
    communityId: text(form, 'communityId'),
    compoundId: text(form, 'compoundId'),
    startDate: text(form, 'startDate'),
    catalogueVersion: text(form, 'catalogueVersion'),
    inspectors,
  };
}

/**
 * One row per inspector with every kind they hold, in the order the kinds are listed (the API wants
 * each inspector once); kinds nobody was chosen for are left out, and the API says which are missing.
 */
export function assignmentsOf(inspectors: Record<InspectorKind, string>): Assignment[] {
  const rows = new Map<string, InspectorKind[]>();
  for (const kind of INSPECTOR_KINDS) {
    const id = inspectors[kind];
    if (!id) continue;
    rows.set(id, [...(rows.get(id) ?? []), kind]);
  }
  return [...rows].map(([inspectorId, kinds]) => ({ inspectorId, kinds }));
}

/** The request body, or null when the compound is not one the page offered. */
export function enrollBody(values: EnrollFormValues, compounds: readonly Compound[]): EnrollBody | null {
  const compound = compounds.find((entry) => entry.id === values.compoundId);
  if (!compound) return null;
  return {
    firm: { id: compound.firm.id, name: compound.firm.name },
    compound: { id: compound.id, name: compound.name, community: compound.community.name },
    startDate: values.startDate,
    catalogueVersion: values.catalogueVersion,
    inspectorAssignments: assignmentsOf(values.inspectors),
  };
}

export interface PlacedIssues {
  /** Form field name → message (the first one per field). */
  fields: Record<string, string>;
  /** Messages that belong to no single field; shown above the form. */
  general: string[];
}

/**
 * Puts the API's 400 issues next to the enrollment form's fields: firm and compound problems on the
 * compound, an assignment's problem on every kind that inspector was chosen for, and "these kinds
 * have nobody" on the inspectors group.
 */
export function placeEnrollIssues(
  issues: readonly ApiIssue[],
  assignments: readonly Assignment[],
  /**
   * When the API says kinds have nobody: the kinds left blank, what to say at each, and what to say
   * for the group instead of the API's message (which names kinds by code).
   */
  blank?: { kinds: readonly InspectorKind[]; message: string; summary?: string },
): PlacedIssues {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const put = (field: string, message: string) => {
    if (!(field in fields)) fields[field] = message;
  };
  for (const issue of issues) {
    const [head = '', index] = issue.path.split('.');
    if (head === 'firm' || head === 'compound') put('compoundId', issue.message);
    else if (head === 'startDate' || head === 'catalogueVersion') put(head, issue.message);
    else if (head === 'inspectorAssignments') {
      const row = index === undefined ? undefined : assignments[Number(index)];
      if (row) for (const kind of row.kinds) put(inspectorField(kind as InspectorKind), issue.message);
      else {
        const named = blank?.summary && blank.kinds.length > 0 ? blank.summary : issue.message;
        put('inspectors', named);
        // The blank selects themselves are marked too.
        if (blank) for (const kind of blank.kinds) put(inspectorField(kind), blank.message);
      }
    } else general.push(issue.message);
  }
  return { fields, general };
}
