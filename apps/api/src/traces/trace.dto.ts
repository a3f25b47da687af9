import {
  EQUIPMENT_TYPES,
  FIRM_STAFF_ROLES,
  LOGBOOK_KINDS,
  instantSchema,
  localizedSchema,
  localDateSchema,
} from '@pilot/domain';
import * as z from 'zod';
import { codedSchema, pageSchemaOf, refSchema } from '../pilots/pilot.dto.js';

/* Response shapes of the 痕迹化管理 routes; the services return `z.infer` of them. */

const photoSchema = z.object({ id: z.string(), fileName: z.string(), contentType: z.string() });

export const MAINTENANCE_STATES = ['scheduled', 'due_soon', 'overdue'] as const;

export const equipmentViewSchema = z.object({
  id: z.string(),
  compound: refSchema,
  assetCode: z.string(),
  equipmentType: codedSchema(EQUIPMENT_TYPES),
  name: z.string(),
  keyPart: z.string().nullable(),
  site: z.string(),
  responsible: z.object({ userId: z.string().nullable(), name: z.string(), phone: z.string().nullable() }),
  contractor: z.string().nullable(),
  contractorPhone: z.string().nullable(),
  maintenanceIntervalDays: z.number().int().nullable(),
  inspectionIntervalDays: z.number().int().nullable(),
  staffRole: codedSchema(FIRM_STAFF_ROLES),
  active: z.boolean(),
  /** What the item's QR label opens in the admin UI. */
  labelPath: z.string(),
  createdAt: instantSchema,
  lastMaintenanceAt: instantSchema.nullable(),
  lastInspectionAt: instantSchema.nullable(),
  /** The next maintenance as the upkeep workflow schedules it; null without a maintenance interval. */
  nextMaintenance: z
    .object({
      dueOn: localDateSchema,
      /** Brought forward from a rest day. */
      shifted: z.boolean(),
      remindFrom: instantSchema,
      state: z.enum(MAINTENANCE_STATES),
    })
    .nullable(),
});

export const patrolRouteViewSchema = z.object({
  id: z.string(),
  compoundId: z.string(),
  name: z.string(),
  staffRole: codedSchema(FIRM_STAFF_ROLES),
  intervalDays: z.number().int(),
  checkpoints: z.array(z.object({ code: z.string(), name: z.string(), keyPart: z.string().nullable() })),
  active: z.boolean(),
  lastRoundAt: instantSchema.nullable(),
  /** The checkpoints the last round did not reach. */
  lastMissed: z.array(z.string()),
});

export const stewardViewSchema = z.object({
  id: z.string(),
  compoundId: z.string(),
  user: z.object({ id: z.string(), displayName: z.string() }),
  servedBuildings: z.array(z.string()),
  phone: z.string(),
  note: z.string().nullable(),
  since: instantSchema,
});

export const logbookEntryViewSchema = z.object({
  id: z.string(),
  compound: refSchema,
  entryKind: codedSchema(LOGBOOK_KINDS),
  occurredAt: instantSchema,
  recordedAt: instantSchema,
  recordedBy: refSchema,
  summary: z.string(),
  equipment: z.object({ id: z.string(), assetCode: z.string(), name: z.string() }).nullable(),
  route: refSchema.nullable(),
  technician: z.string().nullable(),
  result: z.string().nullable(),
  visited: z.array(z.string()),
  missed: z.array(z.string()),
  contractor: z.string().nullable(),
  work: z.string().nullable(),
  accepterName: z.string().nullable(),
  /** The firm's own view of a visitor while it is kept; null for others and after its deletion. */
  visitor: z.object({ name: z.string(), phone: z.string().nullable(), visiting: z.string() }).nullable(),
  /** When a visitor's data is (or was) deleted. */
  visitorPurgeAfter: instantSchema.nullable(),
  photos: z.array(photoSchema),
  correctsId: z.string().nullable(),
  /** Later entries correcting this one, oldest first. */
  correctedBy: z.array(z.string()),
});

export const logbookEntryPageSchema = pageSchemaOf(logbookEntryViewSchema);

export const roleOnTimeSchema = z.object({
  role: z.enum(FIRM_STAFF_ROLES),
  label: localizedSchema,
  due: z.number().int(),
  onTime: z.number().int(),
  rate: z.number().nullable(),
});

/** 规范操作 as the logbooks show it: due work done on time per post. */
export const operationShareSchema = z.object({
  from: localDateSchema,
  to: localDateSchema,
  roles: z.array(roleOnTimeSchema),
  total: z.object({ due: z.number().int(), onTime: z.number().int(), rate: z.number().nullable() }),
});

export const compoundTracesSchema = z.object({
  compound: refSchema.extend({ firm: refSchema }),
  equipment: z.array(equipmentViewSchema),
  routes: z.array(patrolRouteViewSchema),
  stewards: z.array(stewardViewSchema),
  /** Entries of the last 30 days per kind. */
  recent: z.record(z.enum(LOGBOOK_KINDS), z.number().int()),
  operation: operationShareSchema,
  /** How far back an entry may be dated, and how long visitor data is kept (stated on the forms). */
  graceHours: z.number().int(),
  visitorRetentionDays: z.number().int(),
  /** Whether the caller may write (the compound's firm). */
  writable: z.boolean(),
});

export const equipmentRecordSchema = z.object({
  equipment: equipmentViewSchema,
  entries: z.array(logbookEntryViewSchema),
  /** How far back the quick entry may be dated (stated on the form). */
  graceHours: z.number().int(),
  writable: z.boolean(),
});

/** A route with its latest rounds: what the walk page opens. */
export const patrolRouteRecordSchema = z.object({
  compound: refSchema,
  route: patrolRouteViewSchema,
  rounds: z.array(logbookEntryViewSchema),
  graceHours: z.number().int(),
  writable: z.boolean(),
});

/** The firm's active accounts: whom a steward or a person responsible can be. */
export const compoundStaffSchema = z.object({
  compound: refSchema,
  staff: z.array(z.object({ id: z.string(), displayName: z.string() })),
});

export const myStewardsSchema = z.object({
  compound: refSchema,
  /** The stewards serving the resident's building; all of the compound's when none matches. */
  matched: z.boolean(),
  stewards: z.array(stewardViewSchema),
});

export type EquipmentView = z.infer<typeof equipmentViewSchema>;
export type PatrolRouteView = z.infer<typeof patrolRouteViewSchema>;
export type StewardView = z.infer<typeof stewardViewSchema>;
export type LogbookEntryView = z.infer<typeof logbookEntryViewSchema>;
export type LogbookEntryPage = z.infer<typeof logbookEntryPageSchema>;
export type OperationShare = z.infer<typeof operationShareSchema>;
export type CompoundTraces = z.infer<typeof compoundTracesSchema>;
export type EquipmentRecord = z.infer<typeof equipmentRecordSchema>;
export type PatrolRouteRecord = z.infer<typeof patrolRouteRecordSchema>;
export type CompoundStaff = z.infer<typeof compoundStaffSchema>;
export type MyStewards = z.infer<typeof myStewardsSchema>;
