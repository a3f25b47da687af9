// What the inspection form shows under a record-checking standard: for each logbook the standard
// reads, how many entries the period holds, the last one, the due work that was missed or late (the
// gaps) and the latest entries an inspector may cite. Pure over rows the API has read.
import * as z from 'zod';
import { localizedSchema } from '../schemas/enums.js';
import type { WorkingDayTest } from '../calendar/working-days.js';
import type { EquipmentType, FirmStaffRole } from './equipment.js';
import { LOGBOOK_KINDS, type LogbookKind } from './logbook.js';
import { maintenanceSlots, roundSlots, SLOT_STATUSES, type WorkSlot } from './schedule.js';
import {
  SOURCE_KIND,
  STANDARD_TRACES,
  TRACE_SOURCE_LABELS,
  TRACE_SOURCES,
  type TraceRule,
} from './trace-standards.js';

/** Entries the form lists per logbook; the count and the gaps cover all of them. */
export const TRACE_ENTRIES_SHOWN = 5;
/** Gaps listed per logbook (the count says how many there are). */
export const TRACE_GAPS_SHOWN = 5;

export const traceEntryViewSchema = z.object({
  id: z.string(),
  kind: z.enum(LOGBOOK_KINDS),
  occurredAt: z.string(),
  summary: z.string(),
  recordedBy: z.string(),
  /** The item or route it is about. */
  subject: z.string().nullable(),
  /** It corrects this entry. */
  correctsId: z.string().nullable(),
  /** A later entry corrects it. */
  corrected: z.boolean(),
  /** A patrol round's checkpoints not reached, named as on the route. */
  missed: z.array(z.object({ code: z.string(), name: z.string() })),
  photoCount: z.number().int(),
});
export type TraceEntryView = z.infer<typeof traceEntryViewSchema>;

export const traceGapSchema = z.object({
  subject: z.string(),
  status: z.enum(SLOT_STATUSES),
  /** The local day the work was due by (its last day). */
  dueOn: z.string(),
});

export const traceSourceViewSchema = z.object({
  source: z.enum(TRACE_SOURCES),
  label: localizedSchema,
  count: z.number().int(),
  lastAt: z.string().nullable(),
  /** Due work in the period and how much of it was done on time (rounds, maintenance). */
  due: z.number().int(),
  onTime: z.number().int(),
  gapCount: z.number().int(),
  gaps: z.array(traceGapSchema),
  entries: z.array(traceEntryViewSchema),
  /** What the register or the stewards say, in a line (台账 items, buildings served). */
  note: localizedSchema.nullable(),
});
export type TraceSourceView = z.infer<typeof traceSourceViewSchema>;

export const standardTracesSchema = z.object({
  code: z.string(),
  sources: z.array(traceSourceViewSchema),
});
export type StandardTraces = z.infer<typeof standardTracesSchema>;

export interface TraceEquipment {
  id: string;
  code: string;
  name: string;
  type: EquipmentType;
  active: boolean;
  startMs: number;
  maintenanceIntervalDays: number | null;
  inspectionIntervalDays: number | null;
  staffRole: FirmStaffRole;
}

export interface TraceRoute {
  id: string;
  name: string;
  staffRole: FirmStaffRole;
  intervalDays: number;
  startMs: number;
  active: boolean;
}

export interface TraceEntry {
  id: string;
  kind: LogbookKind;
  equipmentId: string | null;
  routeId: string | null;
  occurredAtMs: number;
  summary: string;
  recordedBy: string;
  correctsId: string | null;
  missed: ReadonlyArray<{ code: string; name: string }>;
  photoCount: number;
}

export interface TraceFacts {
  equipment: readonly TraceEquipment[];
  routes: readonly TraceRoute[];
  /** Every entry of the compound in the period (corrections included). */
  entries: readonly TraceEntry[];
  stewards: { count: number; buildings: number; buildingsTotal: number | null };
  fromMs: number;
  untilMs: number;
  formatInstant: (ms: number) => string;
  formatDay: (ms: number) => string;
}

function matches(rule: TraceRule, facts: TraceFacts, entry: TraceEntry): boolean {
  if (entry.kind !== SOURCE_KIND[rule.source]) return false;
  if (rule.equipmentTypes) {
    const item = facts.equipment.find((e) => e.id === entry.equipmentId);
    if (!item || !rule.equipmentTypes.includes(item.type)) return false;
  }
  if (rule.staffRoles) {
    const route = facts.routes.find((r) => r.id === entry.routeId);
    if (!route || !rule.staffRoles.includes(route.staffRole)) return false;
  }
  return true;
}

/** The due slots of the items or routes a rule covers, each with its subject's name. */
export function slotsOf(
  rule: TraceRule,
  facts: TraceFacts,
  isWorking: WorkingDayTest,
  entries: readonly TraceEntry[],
) {
  const window = { fromMs: facts.fromMs, untilMs: facts.untilMs };
  const out: Array<{ subject: string; slot: WorkSlot }> = [];
  const items = facts.equipment.filter(
    (e) => e.active && (!rule.equipmentTypes || rule.equipmentTypes.includes(e.type)),
  );
  if (rule.source === 'maintenance')
    for (const item of items) {
      if (item.maintenanceIntervalDays === null) continue;
      const doneMs = entries.filter((e) => e.equipmentId === item.id).map((e) => e.occurredAtMs);
      for (const slot of maintenanceSlots(isWorking, {
        startMs: item.startMs,
        intervalDays: item.maintenanceIntervalDays,
        doneMs,
        ...window,
      }))
        out.push({ subject: `${item.code} ${item.name}`, slot });
    }
  if (rule.source === 'inspection')
    for (const item of items) {
      if (item.inspectionIntervalDays === null) continue;
      const rounds = entries
        .filter((e) => e.equipmentId === item.id)
        .map((e) => ({ atMs: e.occurredAtMs, complete: true }));
      for (const slot of roundSlots({
        startMs: item.startMs,
        intervalDays: item.inspectionIntervalDays,
        rounds,
        ...window,
      }))
        out.push({ subject: `${item.code} ${item.name}`, slot });
    }
  if (rule.source === 'patrol')
    for (const route of facts.routes) {
      if (!route.active || (rule.staffRoles && !rule.staffRoles.includes(route.staffRole))) continue;
      const rounds = entries
        .filter((e) => e.routeId === route.id)
        .map((e) => ({ atMs: e.occurredAtMs, complete: e.missed.length === 0 }));
      for (const slot of roundSlots({
        startMs: route.startMs,
        intervalDays: route.intervalDays,
        rounds,
        ...window,
      }))
        out.push({ subject: route.name, slot });
    }
  return out;
}

/** The traces shown under each of `codes` that checks records (others are left out). */
export function summarizeTraces(
  codes: readonly string[],
  facts: TraceFacts,
  isWorking: WorkingDayTest,
): StandardTraces[] {
  const correctedIds = new Set(facts.entries.flatMap((e) => (e.correctsId ? [e.correctsId] : [])));
  const subjectOf = (entry: TraceEntry): string | null => {
    const item = facts.equipment.find((e) => e.id === entry.equipmentId);
    if (item) return `${item.code} ${item.name}`;
    return facts.routes.find((r) => r.id === entry.routeId)?.name ?? null;
  };
  return codes.flatMap((code) => {
    const rules = STANDARD_TRACES[code];
    if (!rules) return [];
    const sources = rules.map((rule) => {
      const label = TRACE_SOURCE_LABELS[rule.source];
      if (rule.source === 'register' || rule.source === 'steward') return registerView(rule.source, facts);
      const entries = facts.entries
        .filter((e) => matches(rule, facts, e))
        .sort((a, b) => b.occurredAtMs - a.occurredAtMs);
      // A corrected entry stays listed (append-only), but its correction is what counts as done.
      const counted = entries.filter((e) => !correctedIds.has(e.id));
      const slots = slotsOf(rule, facts, isWorking, counted);
      const gaps = slots
        .filter((s) => s.slot.status !== 'on_time')
        .sort((a, b) => b.slot.dueByMs - a.slot.dueByMs);
      return {
        source: rule.source,
        label,
        count: counted.length,
        lastAt: counted[0] ? facts.formatInstant(counted[0].occurredAtMs) : null,
        due: slots.length,
        onTime: slots.length - gaps.length,
        gapCount: gaps.length,
        gaps: gaps.slice(0, TRACE_GAPS_SHOWN).map((g) => ({
          subject: g.subject,
          status: g.slot.status,
          dueOn: facts.formatDay(g.slot.dueByMs - 1),
        })),
        entries: entries.slice(0, TRACE_ENTRIES_SHOWN).map((e) => ({
          id: e.id,
          kind: e.kind,
          occurredAt: facts.formatInstant(e.occurredAtMs),
          summary: e.summary,
          recordedBy: e.recordedBy,
          subject: subjectOf(e),
          correctsId: e.correctsId,
          corrected: correctedIds.has(e.id),
          missed: e.missed.map((point) => ({ ...point })),
          photoCount: e.photoCount,
        })),
        note: null,
      };
    });
    return [{ code, sources }];
  });
}

function registerView(source: 'register' | 'steward', facts: TraceFacts): TraceSourceView {
  const base = {
    source,
    label: TRACE_SOURCE_LABELS[source],
    lastAt: null,
    due: 0,
    onTime: 0,
    gapCount: 0,
    gaps: [],
    entries: [],
  };
  if (source === 'register') {
    const active = facts.equipment.filter((e) => e.active);
    const scheduled = active.filter((e) => e.maintenanceIntervalDays !== null).length;
    return {
      ...base,
      count: active.length,
      note: {
        zh: `在册设备 ${active.length} 台（件），均有责任人；${scheduled} 台有维保计划。`,
        en: `${active.length} items on the register, each with a person responsible; ${scheduled} on a maintenance plan.`,
      },
    };
  }
  const { count, buildings, buildingsTotal } = facts.stewards;
  const of = buildingsTotal === null ? '' : ` / ${buildingsTotal}`;
  return {
    ...base,
    count,
    note: {
      zh: `物业管家 ${count} 名，服务楼栋 ${buildings}${of} 栋。`,
      en: `${count} stewards serving ${buildings}${of} buildings.`,
    },
  };
}
