import {
  EQUIPMENT_LOGBOOK_KINDS,
  EQUIPMENT_TYPE_RULES,
  EQUIPMENT_TYPES,
  FIRM_STAFF_ROLES,
  LOGBOOK_KINDS,
  missedCheckpoints,
  type EquipmentType,
  type FirmStaffRole,
  type LogbookKind,
} from '@pilot/domain';
import type { Attachment } from '$lib/api/field-work';

/*
 * The 痕迹记录 forms without Svelte: what a posted form becomes in the API's body, which
 * checkpoints a round leaves out, where the API's field messages stand, and the badges' tones.
 * The API validates with the same zod schemas (@pilot/domain); these only shape what was typed.
 */

export { EQUIPMENT_LOGBOOK_KINDS, EQUIPMENT_TYPES, FIRM_STAFF_ROLES, LOGBOOK_KINDS };
export type { EquipmentType, FirmStaffRole, LogbookKind };

/** What a field of a posted form says, trimmed ('' when absent). */
export type Read = (name: string) => string;

export function reader(form: FormData): Read {
  return (name) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
}

export function isKind(value: string): value is LogbookKind {
  return (LOGBOOK_KINDS as readonly string[]).includes(value);
}

export function isEquipmentKind(value: string): value is (typeof EQUIPMENT_LOGBOOK_KINDS)[number] {
  return (EQUIPMENT_LOGBOOK_KINDS as readonly string[]).includes(value);
}

export function isEquipmentType(value: string): value is EquipmentType {
  return (EQUIPMENT_TYPES as readonly string[]).includes(value);
}

export function isStaffRole(value: string): value is FirmStaffRole {
  return (FIRM_STAFF_ROLES as readonly string[]).includes(value);
}

/**
 * A `datetime-local` value (`2026-03-05T09:30`, the phone's clock read as Shanghai time) as the
 * instant the API takes; undefined when left empty (the server's time then), as typed otherwise so
 * the API names what is wrong with it.
 */
export function occurredAtOf(local: string): string | undefined {
  const value = local.trim();
  if (value === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return `${value}:00+08:00`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) return `${value}+08:00`;
  return value;
}

/** The value a `datetime-local` input shows for an instant, in Shanghai time (`2026-03-05T09:30`). */
export function localInputOf(instant: string | number | Date): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return shifted.toISOString().slice(0, 16);
}

const orNull = (value: string): string | null => (value === '' ? null : value);

/** Fields of each kind, as the forms name them (the API's own field names). */
export const KIND_FIELDS: Readonly<Record<LogbookKind, readonly string[]>> = {
  operation: ['equipmentId'],
  maintenance: ['equipmentId', 'technician', 'result'],
  inspection: ['equipmentId', 'result'],
  patrol: ['routeId', 'visited'],
  visitor: ['visitorName', 'visitorPhone', 'visiting'],
  acceptance: ['contractor', 'work', 'result', 'equipmentId', 'accepterName'],
};

/** Every field an entry form may show an API message at. */
export const ENTRY_FIELDS = [
  'compoundId',
  'entryKind',
  'occurredAt',
  'summary',
  'photoIds',
  'correctsId',
  ...new Set(Object.values(KIND_FIELDS).flat()),
];

/**
 * The body of `POST /traces/entries` from a posted entry form of `kind`: the fields of that kind
 * only (a form showing another kind's fields without JavaScript sends them too), optional ones
 * null when left empty, the time as an instant, the photos by id, the checkpoints ticked.
 */
export function entryBody(
  kind: LogbookKind,
  read: Read,
  visited: readonly string[],
  photoIds: readonly string[],
): Record<string, unknown> {
  const occurredAt = occurredAtOf(read('occurredAt'));
  const common = {
    entryKind: kind,
    compoundId: read('compoundId'),
    summary: read('summary'),
    photoIds: [...photoIds],
    correctsId: orNull(read('correctsId')),
    ...(occurredAt !== undefined ? { occurredAt } : {}),
  };
  switch (kind) {
    case 'operation':
      return { ...common, equipmentId: read('equipmentId') };
    case 'maintenance':
      return {
        ...common,
        equipmentId: read('equipmentId'),
        technician: read('technician'),
        result: read('result'),
      };
    case 'inspection':
      return { ...common, equipmentId: read('equipmentId'), result: read('result') };
    case 'patrol':
      return { ...common, routeId: read('routeId'), visited: [...new Set(visited)] };
    case 'visitor':
      return {
        ...common,
        visitorName: read('visitorName'),
        visitorPhone: orNull(read('visitorPhone')),
        visiting: read('visiting'),
      };
    case 'acceptance':
      return {
        ...common,
        contractor: read('contractor'),
        work: read('work'),
        result: read('result'),
        equipmentId: orNull(read('equipmentId')),
        accepterName: read('accepterName'),
      };
  }
}

/** What the entry form shows again after a refusal (never the photos' files: they are kept by id). */
export function entryValues(read: Read, fields: readonly string[] = ENTRY_FIELDS): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of [...fields, 'occurredAt']) {
    const value = read(name);
    if (value !== '') values[name] = value;
  }
  return values;
}

/** What an entry form shows again after a refusal (the action's `entry`). */
export interface EntryEcho {
  kind: string;
  values: Record<string, string>;
  visited: string[];
  photos: Attachment[];
}

/** The form's echo in an action's answer, if it is an entry form's. */
export function echoOf(form: unknown): EntryEcho | null {
  if (typeof form !== 'object' || form === null || !('entry' in form)) return null;
  return (form as { entry: EntryEcho }).entry;
}

/** The checkpoints of `route` the ticked ones leave out, in route order (recorded as missed). */
export function missedOf(
  route: { checkpoints: ReadonlyArray<{ code: string }> },
  visited: readonly string[],
): string[] {
  return missedCheckpoints(route, visited);
}

/** Checkpoint names for codes, in the order given (a code no longer on the route stays as it is). */
export function checkpointNames(
  route: { checkpoints: ReadonlyArray<{ code: string; name: string }> } | null | undefined,
  codes: readonly string[],
): string[] {
  return codes.map((code) => route?.checkpoints.find((point) => point.code === code)?.name ?? code);
}

/** One row of the route form as typed. */
export interface CheckpointRow {
  code: string;
  name: string;
  keyPart: string;
}

/** The route form's checkpoint rows (fields `cpCode`, `cpName`, `cpKeyPart`, one of each per row). */
export function checkpointRows(form: FormData): CheckpointRow[] {
  const all = (name: string) =>
    form.getAll(name).map((value) => (typeof value === 'string' ? value.trim() : ''));
  const codes = all('cpCode');
  const names = all('cpName');
  const parts = all('cpKeyPart');
  const count = Math.max(codes.length, names.length, parts.length);
  return Array.from({ length: count }, (_, index) => ({
    code: codes[index] ?? '',
    name: names[index] ?? '',
    keyPart: parts[index] ?? '',
  }));
}

/** A code for a row left without one: P01, P02 … by its place among the rows. */
export const autoCode = (index: number): string => `P${String(index + 1).padStart(2, '0')}`;

/**
 * The route's checkpoints from the rows: rows with neither a name nor a code are left out (the form
 * offers spare rows), a row without a code gets one by its place; `rowOf` maps a checkpoint's index
 * back to its row, so the API's message on `checkpoints.2.name` stands at that row.
 */
export function checkpointsOf(rows: readonly CheckpointRow[]): {
  checkpoints: Array<{ code: string; name: string; keyPart: string | null }>;
  rowOf: number[];
} {
  const checkpoints: Array<{ code: string; name: string; keyPart: string | null }> = [];
  const rowOf: number[] = [];
  rows.forEach((row, index) => {
    if (row.code === '' && row.name === '') return;
    checkpoints.push({ code: row.code || autoCode(index), name: row.name, keyPart: orNull(row.keyPart) });
    rowOf.push(index);
  });
  return { checkpoints, rowOf };
}

/** Buildings as typed (`1号楼 2号楼`, `1号楼，2号楼`, one per line): each once, in order. */
export function buildingsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,，、;；]+/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The API's 400 issues placed on a form's fields: `fields` names the fields the form shows by the
 * API's path (`summary`, `checkpoints.2.name`, or a first segment such as `visited`); `rename` maps
 * a path to the field it stands at. The first message per field wins; the rest are `general`.
 */
export function placeIssues(
  issues: ReadonlyArray<{ path: string; message: string }>,
  fields: readonly string[],
  rename: (path: string) => string | null = () => null,
): { fields: Record<string, string>; general: string[] } {
  const placed: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const name =
      rename(issue.path) ??
      (fields.includes(issue.path) ? issue.path : null) ??
      (fields.includes(issue.path.split('.')[0] ?? '') ? (issue.path.split('.')[0] ?? '') : null);
    if (name === null) general.push(issue.message);
    else if (!(name in placed)) placed[name] = issue.message;
  }
  return { fields: placed, general };
}

/** A checkpoint's field on the route form: `checkpoints.2.name` → `cp-5-name` (its row), else null. */
export function checkpointField(path: string, rowOf: readonly number[]): string | null {
  const match = /^checkpoints\.(\d+)\.(code|name|keyPart)$/.exec(path);
  if (!match) return null;
  const row = rowOf[Number(match[1])];
  return row === undefined ? null : `cp-${row}-${match[2]}`;
}

export type MaintenanceState = 'scheduled' | 'due_soon' | 'overdue';
export type Tone = 'ok' | 'warn' | 'accent' | 'neutral';

/** 正常 / 即将到期 / 已逾期 as badge tones. */
export function maintenanceTone(state: MaintenanceState): Tone {
  return state === 'overdue' ? 'accent' : state === 'due_soon' ? 'warn' : 'ok';
}

/** The default intervals and post of a type, as the register form states them. */
export function typeDefaults(type: EquipmentType) {
  const rule = EQUIPMENT_TYPE_RULES[type];
  return {
    label: rule.label,
    maintenanceDays: rule.maintenanceDays,
    inspectionDays: rule.inspectionDays,
    staffRole: rule.staffRole,
    basis: rule.basis,
  };
}

/** An interval as typed: a whole number of days, empty for the type's default, else as typed for the API. */
export function intervalOf(text: string): number | undefined | string {
  const value = text.trim();
  if (value === '') return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The results an entry of a kind records, as the API names them. */
export const RESULTS = {
  maintenance: ['normal', 'repaired', 'fault_pending'],
  inspection: ['normal', 'abnormal'],
  acceptance: ['accepted', 'rejected'],
} as const;

/** A citation of a logbook entry in an inspection item's evidence (`trace:<id>`). */
export { traceRef, tracedEntryId } from '@pilot/domain';
