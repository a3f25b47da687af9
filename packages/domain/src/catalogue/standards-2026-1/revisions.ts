import type { Standard } from '../schema.js';
import { BINARY, graded } from '../standards/define.js';

/*
 * What 2026.1 changes in the text of 2024.1's standards. Codes, categories and the weekly checklist
 * stay; a revision replaces only the fields it names.
 *
 * One standard owns each fact, so a single finding fails a single item (2024.1 failed some twice
 * or three times):
 * - E-bikes parked or charged in stairwells, halls and escape routes, and 飞线充电, are a fire
 *   hazard owned by E-10. D-05 keeps the order of the charging area, D-06 the lifts' e-bike
 *   blocking device, C-14 the charging points themselves, E-05 other objects in escape routes.
 * - Posted rules and operating procedures (制度上墙), wherever they hang (service centre, plant
 *   rooms, gate, fire control room), are owned by A-04. C-04 keeps the plant room's order, D-01
 *   the gate duty, E-11 who is responsible for fire safety.
 * - The response to a repair request (受理、到场、完成时限、回访) is owned by H-02. B-08 keeps the
 *   workmanship of the repair, B-09 the planned upkeep of the buildings.
 * Where another standard looks at the same place, its method says which standard judges what.
 *
 * Also: C-05 follows TSG T7001-2023 / TSG T7008-2023 (periodic inspection or self-testing), E-01
 * and E-02 split the fire-control-room duty by GB 25506 into presence now (E-01) and rota and log
 * (E-02), and B-13 names the septic tank's covers so the septic-tank key part has its check.
 */
export const REVISIONS_2026_1: Readonly<Record<string, Partial<Standard>>> = {
  'A-04': {
    title: { zh: '管理制度与操作规程上墙', en: 'Rules and operating procedures posted' },
    requirement:
      '建立岗位职责、交接班、设备管理、安全管理、应急处置等制度；物业服务中心张贴服务制度，配电室、水泵房、电梯机房、消防控制室和门岗张贴本岗位的管理制度与操作规程，上墙内容与现行制度一致。',
    method:
      '查阅制度汇编是否齐全，逐处查看服务中心、配电室、水泵房、电梯机房、消防控制室和门岗的制度牌，核对张贴的版本与制度汇编是否一致。',
  },
  'B-05': {
    method:
      '逐一开关抽查单元门，测试门禁刷卡或密码开门功能；发现损坏的核对损坏时间，超过二十四小时既未修复也无临时措施即扣分，报修工单的处理时长按 H-02 判定。',
  },
  'B-08': {
    title: { zh: '维修质量', en: 'Repair workmanship' },
    requirement:
      '共用部位维修使用与原部位相符的材料，修复后功能恢复、外观与周边协调，同一部位三十日内不因同一问题返修，完工后清理现场、恢复原状。',
    method:
      '现场查看最近一个月完成的三处共用部位维修，检查修复效果、返修情况和现场清理，每处问题扣一分；是否按时到场和完成按 H-02 判定。',
    scoring: graded(5),
  },
  'B-09': {
    title: { zh: '房屋养护计划与记录', en: 'Planned upkeep of the buildings' },
    requirement:
      '制定房屋共用部位年度养护计划（外墙、门窗、楼梯扶手、公共管道防腐等），按计划实施，养护记录写明部位、内容、实施人和结果，并归入房屋维修养护档案。',
    method: '查阅年度养护计划和最近一个季度的养护记录，逐项核对完成情况，现场抽看一处已养护的部位。',
  },
  'B-13': {
    requirement:
      '检查井和化粪池井盖齐全、无破损、无位移，化粪池井盖加锁或加固；雨污水管道每年汛期前疏通一次，无堵塞外溢。',
    method: '沿道路查看检查井和化粪池井盖，查阅管网疏通记录；发现井盖缺失或破损而未设警示即判为不合格。',
  },
  'C-04': {
    requirement:
      '设备机房门常闭上锁，门外设置“机房重地 闲人免进”等警示标识，室内整洁无杂物、无渗漏，配备灭火器和应急照明，挡鼠板等防小动物设施完好。',
    method:
      '逐间查看配电室、水泵房、电梯机房，检查门锁、警示标识、杂物、渗漏、灭火器、应急照明和挡鼠板；机房内的制度牌按 A-04 判定。',
    topics: ['signage'],
  },
  'C-05': {
    title: { zh: '电梯定期检验与自行检测', en: 'Lift periodic inspection and self-testing' },
    requirement:
      '电梯办理使用登记，并按 TSG T7001-2023 和 TSG T7008-2023 在有效期内完成定期检验或自行检测：投入使用未满十五年的电梯在第1、4、7、9、11、13、15年由检验机构定期检验，其余年份由具备资质的检测单位自行检测，满十五年后每年定期检验；轿厢内的使用标志注明下次检验或检测日期，并张贴安全注意事项和应急救援电话。',
    method:
      '逐台查看轿厢内使用标志的下次检验（检测）日期，核对使用登记证、最近一次定期检验报告或自行检测报告及检测单位资质，按投用年份核对当年应做的是定期检验还是自行检测；任一台超过有效期即判为不合格。',
  },
  'C-14': {
    requirement:
      '电动自行车充电设施运行正常，具备充满自停和过载保护功能，有防雨、防撞设施和安全提示标识，每周巡检并记录，故障插口当日停用并安排维修。',
    method: '现场查看充电桩外观、插口、防护设施和安全标识，查阅周巡检记录和故障插口的停用与维修记录。',
  },
  'D-01': {
    requirement:
      '主出入口二十四小时值守，实际在岗人员与排班表一致，值守人员在岗在位、精神饱满，不脱岗、不睡岗。',
    method: '在不同时段到主出入口查看值守情况，核对排班表与实际在岗人员；岗亭内的制度牌按 A-04 判定。',
    topics: [],
  },
  'D-05': {
    title: { zh: '电动自行车集中停放充电区秩序', en: 'Order in the e-bike parking and charging area' },
    requirement:
      '电动自行车集中停放充电区划线分区，车辆在划定区域内停放整齐、不超出区域；区域内照明完好、视频监控覆盖，秩序维护人员每班巡查并记录。',
    method:
      '现场查看集中停放充电区的分区、停放秩序、照明和监控画面，查阅每班巡查记录；充电桩本身按 C-14 判定，楼道和门厅内的电动自行车按 E-10 判定。',
    weight: 3,
    evidence: ['photo', 'record'],
    critical: false,
    scoring: BINARY,
    topics: ['ev_charging', 'patrol_record'],
  },
  'D-06': {
    title: { zh: '电动自行车进电梯管控', en: 'E-bikes kept out of lifts' },
    requirement:
      '电梯轿厢安装电动自行车阻止进入装置并保持有效，识别到电动自行车时发出提示并停止关门，值班人员收到报警后到场劝离并登记。',
    method:
      '请维保单位演示或推一辆电动自行车进入轿厢，测试阻止装置是否提示并停止关门，查阅报警与劝离登记；装置失效即判为不合格。',
    evidence: ['photo', 'record'],
    topics: ['ev_charging'],
  },
  'E-01': {
    title: { zh: '消防控制室在岗与火警处置', en: 'Fire control room staffed and ready' },
    requirement:
      '检查时消防控制室内的值班人员与当班排班一致且均在岗，持有效的消防设施操作员证书，能熟练演示火警确认、启动应急广播和报警的处置流程。',
    method:
      '不打招呼进入消防控制室，清点在岗人员并查验证书，请一名值班人员演示一次火警处置流程；在岗人员与排班不符、无证或不会操作即判为不合格。排班人数和值班记录按 E-02 判定。',
  },
  'E-02': {
    title: { zh: '消防控制室值班排班与记录', en: 'Fire control room rota and log' },
    requirement:
      '按 GB 25506 实行二十四小时值班：排班表每班不少于两名持消防设施操作员证书的人员，每班不超过八小时；值班人员至少每两小时记录一次火灾报警控制器运行情况，火警、故障信息均有处置记录，交接班双方签字。',
    method:
      '对照当月排班表核对每班人数、持证人员姓名和班次时长；查阅最近七天的值班记录，逐班核对相邻两次记录的间隔以及火警、故障信息的处置结论。任一班次少于两名持证人员、超过八小时或记录间隔超过两小时即判为不合格。',
  },
  'E-05': {
    method:
      '随机抽查两个单元的楼梯间，测试应急照明和疏散指示，检查防火门闭合状态；楼道内停放或充电的电动自行车按 E-10 判定，不在本项重复扣分。',
  },
  'E-10': {
    title: { zh: '防火巡查与电动自行车违规充电治理', en: 'Fire patrol and unsafe e-bike charging' },
    requirement:
      '每日开展防火巡查并记录，重点检查用火用电和消防设施；楼道、门厅和疏散通道内不得停放电动自行车或为其充电，不得私拉电线、从窗户“飞线”充电，发现的当场劝离、拆除并登记入整治台账，屡劝不改的报告社区。',
    method:
      '查阅最近七天的防火巡查记录和整治台账，逐单元查看门厅和楼道，巡查低层窗户和楼栋外立面；发现楼道内停放或充电、飞线充电而未处置即判为不合格。电梯内的电动自行车按 D-06 判定。',
    weight: 5,
    evidence: ['record', 'photo'],
    critical: true,
    topics: ['patrol_record', 'ev_charging'],
  },
  'E-11': {
    title: { zh: '消防安全责任落实', en: 'Fire safety responsibilities assigned' },
    requirement:
      '明确消防安全责任人和消防安全管理人并书面任命，各岗位消防安全职责落实到人，逐级签订消防安全责任书，人员变动后及时调整。',
    method:
      '查阅消防安全责任人、管理人任命文件和责任书，抽问一名岗位员工本岗位的消防职责；消防控制室的制度牌按 A-04 判定。',
    evidence: ['document', 'record'],
    topics: ['equipment_owner'],
  },
  'H-02': {
    title: { zh: '报修受理、维修时限与回访', en: 'Repair requests: response times and follow-up' },
    requirement:
      '二十四小时受理报修；共用部位报修后二十四小时内到场，一般维修三日内完成，不能按时完成的向报修人说明原因和预计时间；受理、派工、到场、完成、回访各环节在工单中留痕，由报修人签字或线上确认，回访率不低于百分之九十。',
    method:
      '从报修登记或线上工单中抽查十单，核对各环节时间和报修人确认，分别计算按时到场、按时完成和回访的比例，取三者平均值折算得分。',
    weight: 4,
    scoring: graded(10),
    topics: ['archives'],
  },
};
