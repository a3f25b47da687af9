import type { CompoundFeature } from '../compound/features.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import type { KeyPart } from './schema.js';

/*
 * What version 2024.1 would have said had it had the fields: it was published (and is stored in
 * running pilots' databases) before `requires`, `staffOperation` and `keyParts` existed, and a
 * published version never changes. The helpers read a field when a version has it and these
 * tables otherwise, so pilots that started on 2024.1 skip lift items in a compound without lifts.
 *
 * A standard is excluded here only when its whole text is about the feature: a text that mixes
 * (B-11's basements and garages, D-05's stairwells and charging area, E-08's sprinklers that a
 * garage or a fire-control room may have) stays on every compound's list, where an inspector can
 * still answer 不适用 (na). So no 2024.1 standard depends on an underground garage or a septic
 * tank alone; those places matter as key parts (KEY_PARTS_2024_1).
 */

/** Standards that apply only to compounds with these features, by 2024.1 code. */
export const REQUIRES_2024_1: Readonly<Partial<Record<string, readonly CompoundFeature[]>>> = {
  // 电梯: registration and inspection, maintenance, rescue, safety officer, car cleaning.
  'C-05': ['lifts'],
  'C-06': ['lifts'],
  'C-07': ['lifts'],
  'C-08': ['lifts'],
  'F-05': ['lifts'],
  // 二次供水水箱 cleaning and lab test.
  'C-10': ['secondary_water_supply'],
  // 电动车充电设施: the charging points of the area, not e-bikes in general.
  'C-14': ['ev_charging_area'],
  // 消防控制室: duty, its log, the alarm and control panels inside it.
  'E-01': ['fire_control_room'],
  'E-02': ['fire_control_room'],
  'E-03': ['fire_control_room'],
};

/**
 * Standards of 2024.1 that check how staff carry out their work: duty and handover, operation
 * logs, patrols, visitor and release registration, maintenance and permit procedures, service
 * procedures. A standard that checks a result (clean stairs, intact doors) is not one of them.
 */
export const STAFF_OPERATION_2024_1: ReadonlySet<string> = new Set([
  'A-03',
  'A-07',
  'A-08',
  'A-11',
  'B-01',
  'B-06',
  'B-09',
  'C-03',
  'C-06',
  'C-08',
  'C-09',
  'C-11',
  'C-15',
  'C-16',
  'D-01',
  'D-02',
  'D-03',
  'D-07',
  'D-10',
  'D-12',
  'D-13',
  'E-01',
  'E-02',
  'E-07',
  'E-10',
  'E-14',
  'F-07',
  'F-10',
  'G-03',
  'G-04',
  'H-01',
  'H-02',
  'H-03',
  'H-07',
]);

/** 重点部位 of 2024.1: the places the consolidation round walks, with the 2024.1 codes checked at each. */
export const KEY_PARTS_2024_1: readonly KeyPart[] = deepFreeze([
  {
    code: 'fire_control_room',
    name: { zh: '消防控制室', en: 'Fire control room' },
    requires: ['fire_control_room'],
    standards: ['A-04', 'A-08', 'E-01', 'E-02', 'E-03', 'E-11'],
  },
  {
    code: 'power_room',
    name: { zh: '配电室', en: 'Power distribution room' },
    requires: [],
    standards: ['A-04', 'C-02', 'C-03', 'C-04', 'C-09'],
  },
  {
    code: 'pump_room',
    name: { zh: '水泵房', en: 'Pump room' },
    requires: ['secondary_water_supply'],
    standards: ['A-04', 'C-02', 'C-03', 'C-04', 'C-11', 'E-06'],
  },
  {
    code: 'water_tank',
    name: { zh: '生活水箱', en: 'Drinking-water tank' },
    requires: ['secondary_water_supply'],
    standards: ['C-04', 'C-10'],
  },
  {
    code: 'lift_machine_room',
    name: { zh: '电梯机房', en: 'Lift machine room' },
    requires: ['lifts'],
    standards: ['C-02', 'C-04', 'C-05', 'C-06', 'C-08'],
  },
  {
    code: 'roof',
    name: { zh: '屋面', en: 'Roof' },
    requires: [],
    standards: ['B-01', 'B-03'],
  },
  {
    code: 'underground_garage',
    name: { zh: '地下车库', en: 'Underground garage' },
    requires: ['underground_garage'],
    standards: ['B-11', 'B-14', 'E-05', 'E-07', 'E-08'],
  },
  {
    code: 'ev_charging_area',
    name: { zh: '电动车集中充电区', en: 'E-bike charging area' },
    requires: ['ev_charging_area'],
    standards: ['C-14', 'D-05', 'E-07'],
  },
  {
    code: 'septic_tank',
    name: { zh: '化粪池', en: 'Septic tank' },
    requires: ['septic_tank'],
    standards: ['B-13', 'D-11', 'F-07'],
  },
  {
    code: 'refuse_room',
    name: { zh: '垃圾房', en: 'Refuse room' },
    requires: [],
    standards: ['F-03', 'F-04', 'F-07'],
  },
]);
