// Which traces an inspector looks at under which standard: the catalogue's record-checking items
// (台账, 运行记录, 维保, 巡检, 访客, 验收, 物业管家) each name the logbooks that show whether the work
// was done, so the inspection form can put those entries beside the item.
import type { LocalizedText } from '../catalogue/types.js';
import type { InspectionKind } from '../catalogue/types.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import type { EquipmentType, FirmStaffRole } from './equipment.js';
import type { LogbookKind } from './logbook.js';

export const TRACE_SOURCES = [
  'register',
  'operation',
  'maintenance',
  'inspection',
  'patrol',
  'visitor',
  'acceptance',
  'steward',
] as const;
export type TraceSource = (typeof TRACE_SOURCES)[number];

export const TRACE_SOURCE_LABELS: Readonly<Record<TraceSource, LocalizedText>> = deepFreeze({
  register: { zh: '设施设备台账', en: 'Equipment register' },
  operation: { zh: '运行记录', en: 'Operation records' },
  maintenance: { zh: '维保记录', en: 'Maintenance records' },
  inspection: { zh: '设备巡检', en: 'Equipment inspections' },
  patrol: { zh: '巡检记录', en: 'Patrol rounds' },
  visitor: { zh: '访客记录', en: 'Visitor records' },
  acceptance: { zh: '验收记录', en: 'Acceptance records' },
  steward: { zh: '物业管家', en: 'Stewards' },
});

export interface TraceRule {
  source: TraceSource;
  /** Only these items' records (C-06 is about lifts); all items when absent. */
  equipmentTypes?: readonly EquipmentType[];
  /** Only routes walked by these posts (D-03 is security's patrol); all routes when absent. */
  staffRoles?: readonly FirmStaffRole[];
}

/** The standards of the catalogue that are checked against records, and the records they read. */
export const STANDARD_TRACES: Readonly<Record<string, readonly TraceRule[]>> = deepFreeze({
  'A-09': [{ source: 'acceptance' }],
  'C-01': [{ source: 'register' }],
  'C-02': [{ source: 'register' }],
  'C-03': [{ source: 'operation', equipmentTypes: ['power_distribution', 'water_pump', 'fire_system'] }],
  'C-06': [{ source: 'maintenance', equipmentTypes: ['lift'] }],
  'C-08': [{ source: 'inspection', equipmentTypes: ['lift'] }],
  'C-11': [{ source: 'maintenance', equipmentTypes: ['water_pump'] }],
  'C-14': [{ source: 'maintenance', equipmentTypes: ['ev_charger'] }],
  'C-15': [{ source: 'maintenance' }],
  'C-16': [{ source: 'inspection' }],
  'B-01': [{ source: 'patrol', staffRoles: ['engineering', 'cleaning'] }],
  'D-02': [{ source: 'visitor' }],
  'D-03': [{ source: 'patrol', staffRoles: ['security'] }],
  'E-02': [{ source: 'operation', equipmentTypes: ['fire_system'] }],
  'E-07': [{ source: 'maintenance', equipmentTypes: ['fire_system'] }],
  'E-10': [{ source: 'patrol', staffRoles: ['fire_duty', 'security'] }],
  'H-07': [{ source: 'steward' }],
});

/** The logbook kind a source reads (the register and the stewards are not logbooks). */
export const SOURCE_KIND: Readonly<Partial<Record<TraceSource, LogbookKind>>> = deepFreeze({
  operation: 'operation',
  maintenance: 'maintenance',
  inspection: 'inspection',
  patrol: 'patrol',
  visitor: 'visitor',
  acceptance: 'acceptance',
});

/**
 * How far back an inspection looks at the records: the weekly check the week behind it, the monthly
 * one the month, the full-scope inspections a quarter.
 */
export const TRACE_LOOKBACK_DAYS: Readonly<Record<InspectionKind, number>> = deepFreeze({
  self: 92,
  concentrated: 92,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  consolidation: 31,
  recheck: 31,
});

/** A cited entry in an item's evidence: `trace:` and the entry's id, beside the photos' ids. */
export const TRACE_REF_PREFIX = 'trace:';
export const traceRef = (entryId: string): string => `${TRACE_REF_PREFIX}${entryId}`;
export const tracedEntryId = (ref: string): string | null =>
  ref.startsWith(TRACE_REF_PREFIX) ? ref.slice(TRACE_REF_PREFIX.length) : null;

/** The standards among `codes` the form shows traces under. */
export function tracedStandards(codes: readonly string[]): string[] {
  return codes.filter((code) => STANDARD_TRACES[code] !== undefined);
}
