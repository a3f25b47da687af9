// 痕迹化管理, the register side: a compound's equipment (设施设备台账), each item with its place, the
// person responsible for it (设备责任人) and its contractor, and the intervals its maintenance and
// inspection rounds are due at. The shapes here are the one definition the API validates with and the
// admin UI's forms check against.
import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';
import { idSchema } from '../schemas/common.js';
import { deepFreeze } from '../shared/deep-freeze.js';

export const EQUIPMENT_TYPES = [
  'lift',
  'water_pump',
  'fire_system',
  'power_distribution',
  'gate',
  'ev_charger',
  'cctv',
  'other',
] as const;
export type EquipmentType = (typeof EQUIPMENT_TYPES)[number];

/**
 * The firm's posts whose work leaves the traces: 规范操作 is measured per post, since a late lift
 * maintenance and a skipped night patrol are different people's lapses.
 */
export const FIRM_STAFF_ROLES = [
  'engineering',
  'security',
  'fire_duty',
  'cleaning',
  'customer_service',
] as const;
export type FirmStaffRole = (typeof FIRM_STAFF_ROLES)[number];

export const FIRM_STAFF_ROLE_LABELS: Readonly<Record<FirmStaffRole, LocalizedText>> = deepFreeze({
  engineering: { zh: '工程维修', en: 'Engineering' },
  security: { zh: '秩序维护', en: 'Security' },
  fire_duty: { zh: '消防值守', en: 'Fire duty' },
  cleaning: { zh: '环境保洁', en: 'Cleaning' },
  customer_service: { zh: '客服管家', en: 'Customer service' },
});

interface EquipmentTypeRule {
  label: LocalizedText;
  /** Days between maintenance visits unless the register says otherwise; null: none is scheduled. */
  maintenanceDays: number | null;
  /** Days between the firm's own inspection rounds of the item; null: none is scheduled. */
  inspectionDays: number | null;
  staffRole: FirmStaffRole;
  /** Why the default interval is what it is, shown beside the form field. */
  basis: LocalizedText;
}

/**
 * Defaults per type. Lifts: TSG T5002 asks for maintenance at least every 15 days and the safety
 * officer's daily round (C-08); fire systems a monthly check by the contractor (GB 25201); the others
 * the monthly or quarterly plans a firm's maintenance plan (C-15) usually holds.
 */
export const EQUIPMENT_TYPE_RULES: Readonly<Record<EquipmentType, EquipmentTypeRule>> = deepFreeze({
  lift: {
    label: { zh: '电梯', en: 'Lift' },
    maintenanceDays: 15,
    inspectionDays: 1,
    staffRole: 'engineering',
    basis: {
      zh: 'TSG T5002：维保间隔不超过 15 日；安全管理员每日巡查',
      en: 'TSG T5002: maintenance at most every 15 days; daily safety round',
    },
  },
  water_pump: {
    label: { zh: '水泵（二次供水）', en: 'Water pumps' },
    maintenanceDays: 30,
    inspectionDays: 1,
    staffRole: 'engineering',
    basis: { zh: '每月保养一次，每日巡检', en: 'Serviced monthly, checked daily' },
  },
  fire_system: {
    label: { zh: '消防设施', en: 'Fire protection system' },
    maintenanceDays: 30,
    inspectionDays: 1,
    staffRole: 'fire_duty',
    basis: { zh: 'GB 25201：每月维护保养；每日巡查', en: 'GB 25201: serviced monthly; checked daily' },
  },
  power_distribution: {
    label: { zh: '供配电设施', en: 'Power distribution' },
    maintenanceDays: 90,
    inspectionDays: 1,
    staffRole: 'engineering',
    basis: { zh: '每季度保养一次，每日巡检', en: 'Serviced quarterly, checked daily' },
  },
  gate: {
    label: { zh: '门禁道闸', en: 'Gates and barriers' },
    maintenanceDays: 30,
    inspectionDays: 7,
    staffRole: 'security',
    basis: { zh: '每月保养一次，每周巡检', en: 'Serviced monthly, checked weekly' },
  },
  ev_charger: {
    label: { zh: '充电桩', en: 'EV charging piles' },
    maintenanceDays: 30,
    inspectionDays: 7,
    staffRole: 'engineering',
    basis: { zh: '每月保养一次，每周巡检', en: 'Serviced monthly, checked weekly' },
  },
  cctv: {
    label: { zh: '视频监控', en: 'CCTV' },
    maintenanceDays: 90,
    inspectionDays: 7,
    staffRole: 'security',
    basis: { zh: '每季度保养一次，每周巡检', en: 'Serviced quarterly, checked weekly' },
  },
  other: {
    label: { zh: '其他设施', en: 'Other equipment' },
    maintenanceDays: null,
    inspectionDays: null,
    staffRole: 'engineering',
    basis: { zh: '按登记的间隔', en: 'As registered' },
  },
});

/** The longest interval the register takes: a yearly check is the rarest a plan holds. */
export const MAX_INTERVAL_DAYS = 366;

const intervalSchema = z.number().int().min(1).max(MAX_INTERVAL_DAYS).nullable();
/** A phone number as staff type it (mobile or landline, with a dash or spaces). */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/);
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

/** 登记设备: what the firm types into the register (the intervals default from the type). */
export const createEquipmentSchema = z.object({
  compoundId: idSchema,
  equipmentType: z.enum(EQUIPMENT_TYPES),
  /** The number on its label, unique in the compound, e.g. 1号楼-DT-01. */
  assetCode: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}\-_/.]{0,31}$/u),
  name: text(2, 60),
  /** Where it is: a key part (重点部位) of the compound when it sits in one. */
  keyPart: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/)
    .nullable()
    .default(null),
  /** Where it stands, in words (2号楼地下一层泵房). */
  site: text(2, 80),
  /** 设备责任人: one of the firm's staff by account, or named with a phone. */
  responsibleUserId: idSchema.nullable().default(null),
  responsibleName: text(2, 30),
  responsiblePhone: phoneSchema.nullable().default(null),
  contractor: text(2, 60).nullable().default(null),
  contractorPhone: phoneSchema.nullable().default(null),
  maintenanceIntervalDays: intervalSchema.optional(),
  inspectionIntervalDays: intervalSchema.optional(),
  staffRole: z.enum(FIRM_STAFF_ROLES).optional(),
});
export type CreateEquipmentInput = z.infer<typeof createEquipmentSchema>;

/** 修改台账: everything but the compound and the type; deactivating takes it off the schedule. */
export const updateEquipmentSchema = createEquipmentSchema
  .omit({ compoundId: true, equipmentType: true })
  .partial()
  .extend({ equipmentId: idSchema, active: z.boolean().optional() });
export type UpdateEquipmentInput = z.infer<typeof updateEquipmentSchema>;

/** The intervals and post an item is scheduled with: the register's own, else its type's. */
export function equipmentSchedule(input: {
  equipmentType: EquipmentType;
  maintenanceIntervalDays?: number | null | undefined;
  inspectionIntervalDays?: number | null | undefined;
  staffRole?: FirmStaffRole | undefined;
}): {
  maintenanceIntervalDays: number | null;
  inspectionIntervalDays: number | null;
  staffRole: FirmStaffRole;
} {
  const rule = EQUIPMENT_TYPE_RULES[input.equipmentType];
  return {
    maintenanceIntervalDays:
      input.maintenanceIntervalDays === undefined ? rule.maintenanceDays : input.maintenanceIntervalDays,
    inspectionIntervalDays:
      input.inspectionIntervalDays === undefined ? rule.inspectionDays : input.inspectionIntervalDays,
    staffRole: input.staffRole ?? rule.staffRole,
  };
}

/** The path a label's QR code opens: the item's record, behind the log-in like every record. */
export function equipmentLabelPath(equipmentId: string): string {
  return `/traces/equipment/${encodeURIComponent(equipmentId)}`;
}
