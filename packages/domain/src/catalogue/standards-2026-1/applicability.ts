import type { CompoundFeature } from '../../compound/features.js';
import type { KeyPart, LocalizedText } from '../schema.js';

/*
 * Where the standards of 2026.1 apply, written out for every standard so the version never leans
 * on the 2024.1 fallback: a code missing from REQUIRES applies to every compound (stored as []),
 * a code missing from STAFF_OPERATION is not a staff-operation item (stored as false).
 */

/** Standards that apply only to compounds with all of these features. */
export const REQUIRES_2026_1: Readonly<Partial<Record<string, readonly CompoundFeature[]>>> = {
  'C-05': ['lifts'],
  'C-06': ['lifts'],
  'C-07': ['lifts'],
  'C-08': ['lifts'],
  'D-06': ['lifts'],
  'F-05': ['lifts'],
  'C-10': ['secondary_water_supply'],
  'C-14': ['ev_charging_area'],
  'D-05': ['ev_charging_area'],
  'E-01': ['fire_control_room'],
  'E-02': ['fire_control_room'],
  'E-03': ['fire_control_room'],
  // Standards that mix places (B-11 basements and garages, B-13 drains and septic-tank covers,
  // E-08 sprinklers in a garage or a high-rise) apply everywhere; their places are key parts.
};

/**
 * Standards that check how staff carry out their work, the items 规范操作执行率 is the pass rate
 * of: duty and handover, work and operation logs, patrols, visitor and release registration,
 * maintenance and permit procedures, service procedures. Results (clean stairs, intact doors,
 * posted rules) are not: they can be right however the work was done.
 */
export const STAFF_OPERATION_2026_1: ReadonlySet<string> = new Set([
  'A-03', // service conduct on the job
  'A-07', // daily work log
  'A-08', // shift handover
  'A-11', // operating instructions followed
  'B-01', // patrol of common parts
  'B-06', // renovation registration and daily patrol
  'B-09', // planned upkeep carried out and recorded
  'C-03', // plant operation logs
  'C-06', // lift maintenance, signed by both sides
  'C-08', // safety officer's daily lift rounds
  'C-09', // certified electricians, work permits
  'C-11', // monthly standby-pump switch-over
  'C-15', // maintenance plan carried out
  'C-16', // equipment inspection rounds
  'D-01', // gate duty
  'D-02', // visitor registration
  'D-03', // security patrols
  'D-07', // CCTV room duty
  'D-10', // renovation workers' passes
  'D-12', // release of bulky goods
  'D-13', // security staff handle an incident and an extinguisher
  'E-01', // fire control room staffed, procedure demonstrated
  'E-02', // fire control room rota and 2-hourly log
  'E-07', // monthly extinguisher check signed
  'E-10', // daily fire patrol
  'E-14', // hot-work permits
  'F-07', // pest control announced and recorded
  'F-10', // cleaning rounds signed and supervised
  'G-03', // watering and feeding recorded
  'G-04', // spraying announced and signposted
  'H-01', // service desk staffed in the posted hours
  'H-02', // repair requests handled step by step
  'H-03', // complaints handled in the closed loop
  'H-07', // stewards' monthly visits
]);

/**
 * 已管控: on critical standards whose failure cannot be fixed within a day, what makes the hazard
 * count as controlled meanwhile, so a rectification can say so before the fix is done.
 */
export const INTERIM_CONTROL_2026_1: Readonly<Record<string, LocalizedText>> = {
  'B-04': {
    zh: '在可能坠落的范围设置警戒区和警示标识并疏导行人绕行，松动的附着物当日临时固定或拆除，每日巡查确认警戒完好，直至维修完成。',
    en: 'The fall zone is cordoned off and signposted with pedestrians routed round it, loose fixtures are secured or taken down the same day, and the cordon is checked daily until the repair is done.',
  },
  'B-13': {
    zh: '缺失或破损的井盖处立即设置围挡和警示标识，夜间设警示灯，指定专人每日巡查，直至井盖更换完成。',
    en: 'A missing or broken cover is fenced off and signposted at once, lit at night, and checked daily by a named person until it is replaced.',
  },
  'C-05': {
    zh: '停用电梯并在首层张贴停用告示，维保单位与物业负责人签字确认，检验或检测合格后方可恢复运行。',
    en: 'The lift is stopped with a notice on the ground floor, signed off by the maintenance contractor and the property manager, and runs again only after it passes inspection or testing.',
  },
  'C-07': {
    zh: '停用运行异常或五方通话不通的电梯，在首层和各层厅门张贴停用告示，维保单位与物业负责人签字确认，修复并试运行正常后恢复。',
    en: 'A lift that runs abnormally or whose emergency intercom fails is stopped with notices at its landing doors, signed off by the maintenance contractor and the property manager, and returns after repair and a normal test run.',
  },
  'C-10': {
    zh: '停用水质不合格或超期未检的水箱，改由另一水箱或临时供水并张贴告示告知住户，物业负责人与供水设施管理人员签字确认，复检合格后恢复。',
    en: 'A tank whose water failed or is overdue for testing is taken out of supply, water comes from another tank or a temporary supply with a notice to residents, the stop is signed off by the property manager and the water-facility keeper, and supply resumes after a passing retest.',
  },
  'E-03': {
    zh: '控制器故障或存在屏蔽点期间，对受影响区域每两小时人工巡查一次并记录，在消防控制室张贴故障告示，维保单位书面确认故障和修复期限。',
    en: 'While a panel has a fault or a disabled point, the area it covers is patrolled by hand every two hours with a log entry, a fault notice hangs in the fire control room, and the contractor confirms the fault and the repair date in writing.',
  },
  'E-06': {
    zh: '消火栓系统停用或压力不足期间，在受影响楼栋增配灭火器并张贴告示，每两小时巡查一次并记录，维保单位出具书面维修计划，物业负责人签字确认。',
    en: 'While the hydrant system is down or under pressure, the buildings it serves get extra extinguishers and a notice, are patrolled every two hours with a log entry, and the contractor issues a written repair plan signed by the property manager.',
  },
  'G-07': {
    zh: '对有倒伏或断枝风险的树木设置警戒区，当日拉绳或支撑临时加固，疏导行人和车辆避让，直至修剪或移除完成。',
    en: 'A tree at risk of falling or shedding branches is cordoned off and guyed or propped the same day, with people and cars kept clear, until it is pruned or removed.',
  },
};

/** 重点部位 of 2026.1, in the order an inspector walks them, with the standards checked at each. */
export const KEY_PARTS_2026_1: readonly KeyPart[] = [
  {
    code: 'fire_control_room',
    name: { zh: '消防控制室', en: 'Fire control room' },
    requires: ['fire_control_room'],
    standards: ['A-04', 'A-08', 'E-01', 'E-02', 'E-03'],
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
    standards: ['A-04', 'C-02', 'C-04', 'C-05', 'C-06', 'C-08'],
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
];
