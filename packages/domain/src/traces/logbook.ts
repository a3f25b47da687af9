// 痕迹化管理, the logbook side: what a firm's staff write on a phone as the work is done. An entry
// is timestamped, attributed and append-only — a mistake is corrected by a new entry that points at
// the old one, never by changing it — and may not be dated back further than a short grace.
import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';
import { localizedParams } from '../schemas/custom-issue.js';
import { idSchema, photoIdListSchema } from '../schemas/common.js';
import { HOUR_MS, MINUTE_MS } from '../calendar/time-units.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { reason, type Reason } from '../shared/reason.js';
import { FIRM_STAFF_ROLES, phoneSchema } from './equipment.js';

export const LOGBOOK_KINDS = [
  'operation',
  'maintenance',
  'inspection',
  'patrol',
  'visitor',
  'acceptance',
] as const;
export type LogbookKind = (typeof LOGBOOK_KINDS)[number];

export const LOGBOOK_KIND_LABELS: Readonly<Record<LogbookKind, LocalizedText>> = deepFreeze({
  operation: { zh: '运行记录', en: 'Operation record' },
  maintenance: { zh: '维保记录', en: 'Maintenance record' },
  inspection: { zh: '设备巡检', en: 'Equipment inspection' },
  patrol: { zh: '巡检记录', en: 'Patrol round' },
  visitor: { zh: '访客记录', en: 'Visitor record' },
  acceptance: { zh: '验收记录', en: 'Acceptance record' },
});

/** The audit stream of a compound's trace records: register changes, entries and deletions alike. */
export const traceAuditStream = (compoundId: string): string => `logbook:${compoundId}`;

/** Kinds written against one equipment item. */
export const EQUIPMENT_LOGBOOK_KINDS = [
  'operation',
  'maintenance',
  'inspection',
] as const satisfies readonly LogbookKind[];

/** Photos one entry carries: enough for before, during and after and a signed sheet. */
export const MAX_ENTRY_PHOTOS = 6;

/**
 * How far back an entry may be dated by default: a round written up at the end of a shift is
 * honest, a week-old record typed the night before an inspection is not. The deployment may set
 * its own (LOGBOOK_GRACE_HOURS).
 */
export const DEFAULT_LOGBOOK_GRACE_HOURS = 12;
/** Clocks differ between a phone and the server; a time this far ahead is still "now". */
const FUTURE_TOLERANCE_MS = 5 * MINUTE_MS;

/** How long a visitor's personal data is kept by default before it is deleted (stated on the form). */
export const DEFAULT_VISITOR_RETENTION_DAYS = 30;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

const photoIdsSchema = photoIdListSchema(MAX_ENTRY_PHOTOS);

const common = {
  compoundId: idSchema,
  /** When the work was done; the server's time when absent. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  summary: text(2, 500),
  photoIds: photoIdsSchema,
  /** A correction points at the entry it corrects (of the same compound and kind). */
  correctsId: idSchema.nullable().default(null),
};

const equipmentEntry = {
  ...common,
  equipmentId: idSchema,
};

/** 运行记录: readings and state of an item at a round (pressure, voltage, faults seen). */
export const operationEntrySchema = z.object({ entryKind: z.literal('operation'), ...equipmentEntry });

/** 维保记录: the contractor's visit, signed by both sides (C-06). */
export const maintenanceEntrySchema = z.object({
  entryKind: z.literal('maintenance'),
  ...equipmentEntry,
  /** The contractor's technician who did the work. */
  technician: text(2, 30),
  result: z.enum(['normal', 'repaired', 'fault_pending']),
});

/** 设备巡检: the firm's own check of an item (the lift safety officer's daily round, C-08). */
export const inspectionEntrySchema = z.object({
  entryKind: z.literal('inspection'),
  ...equipmentEntry,
  result: z.enum(['normal', 'abnormal']),
});

/** 巡检记录: one walk of a route, each checkpoint visited or not. */
export const patrolEntrySchema = z
  .object({
    entryKind: z.literal('patrol'),
    ...common,
    routeId: idSchema,
    /** The checkpoints reached, by code; the others of the route are recorded as missed. */
    visited: z.array(z.string().trim().min(1).max(40)).max(60),
  })
  .superRefine((entry, ctx) => {
    if (new Set(entry.visited).size !== entry.visited.length)
      ctx.addIssue({
        code: 'custom',
        path: ['visited'],
        params: localizedParams('同一个巡检点只能打卡一次。', 'A checkpoint is ticked twice.'),
      });
  });

/** 访客记录: the least a gate needs (who, to whom, why); kept for the stated retention only. */
export const visitorEntrySchema = z.object({
  entryKind: z.literal('visitor'),
  ...common,
  visitorName: text(1, 30),
  visitorPhone: phoneSchema.nullable().default(null),
  /** Whom or where they visit, e.g. 3号楼2单元. */
  visiting: text(1, 40),
});

/** 验收记录: work accepted from a contractor, with photos and the person accepting it. */
export const acceptanceEntrySchema = z.object({
  entryKind: z.literal('acceptance'),
  ...common,
  contractor: text(2, 60),
  work: text(2, 120),
  result: z.enum(['accepted', 'rejected']),
  /** The equipment item the work was on, if any. */
  equipmentId: idSchema.nullable().default(null),
  accepterName: text(2, 30),
});

export const recordLogbookEntrySchema = z.discriminatedUnion('entryKind', [
  operationEntrySchema,
  maintenanceEntrySchema,
  inspectionEntrySchema,
  patrolEntrySchema,
  visitorEntrySchema,
  acceptanceEntrySchema,
]);
export type RecordLogbookEntryInput = z.infer<typeof recordLogbookEntrySchema>;

/** 巡检路线: the firm's own route of checkpoints (key parts and the places between them). */
export const patrolRouteSchema = z
  .object({
    compoundId: idSchema,
    name: text(2, 40),
    staffRole: z.enum(FIRM_STAFF_ROLES),
    /** One round in every this many days (1: daily). */
    intervalDays: z.number().int().min(1).max(31).default(1),
    checkpoints: z
      .array(
        z.object({
          code: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/),
          name: text(2, 40),
          keyPart: z
            .string()
            .trim()
            .regex(/^[a-z][a-z0-9_]{1,39}$/)
            .nullable()
            .default(null),
        }),
      )
      .min(2)
      .max(60),
  })
  .superRefine((route, ctx) => {
    const seen = new Set<string>();
    route.checkpoints.forEach((point, index) => {
      if (seen.has(point.code))
        ctx.addIssue({
          code: 'custom',
          path: ['checkpoints', index, 'code'],
          params: localizedParams('巡检点编号不能重复。', 'Checkpoint codes must differ.'),
        });
      seen.add(point.code);
    });
  });
export type PatrolRouteInput = z.infer<typeof patrolRouteSchema>;

/** 物业管家: a firm's steward for some buildings of a compound. */
export const stewardAssignmentSchema = z.object({
  compoundId: idSchema,
  /** One of the firm's own accounts. */
  userId: idSchema,
  /** The buildings (楼栋) served, as the compound names them, e.g. 1号楼. */
  servedBuildings: z.array(text(1, 20)).min(1).max(60),
  phone: phoneSchema,
  note: optionalText(200),
});
export type StewardAssignmentInput = z.infer<typeof stewardAssignmentSchema>;

/** The checkpoints of a route a round did not reach, in route order. */
export function missedCheckpoints(
  route: { checkpoints: ReadonlyArray<{ code: string }> },
  visited: readonly string[],
): string[] {
  const reached = new Set(visited);
  return route.checkpoints.filter((p) => !reached.has(p.code)).map((p) => p.code);
}

/**
 * Why an entry's time is refused, if it is: later than now, or earlier than the grace allows. A
 * correction may name the old time, since it describes the same work.
 */
export function refuseEntryTime(
  occurredAtMs: number,
  nowMs: number,
  graceHours: number,
  correcting: { occurredAtMs: number } | null,
): Reason | null {
  if (occurredAtMs > nowMs + FUTURE_TOLERANCE_MS)
    return reason('entry_in_future', '记录时间不能晚于现在。', 'An entry cannot be dated in the future.');
  const earliest = correcting
    ? Math.min(correcting.occurredAtMs, nowMs - graceHours * HOUR_MS)
    : nowMs - graceHours * HOUR_MS;
  if (occurredAtMs < earliest)
    return reason(
      'entry_backdated',
      `记录时间不能早于 ${graceHours} 小时前；更早的事情请如实记录补记时间并在内容中说明。`,
      `An entry cannot be dated more than ${graceHours} hours back; record it now and say when it happened.`,
    );
  return null;
}
