// 痕迹化管理 in the demo: 玫瑰家园's register (lifts, pumps, the fire system, the power room, the north
// gate, the charging area), three patrol routes and its 物业管家, with the logbooks 祥顺物业's staff
// kept over the pilot's months — daily rounds with the odd checkpoint missed, lift maintenance every
// fortnight with one visit late, monthly and quarterly services, acceptances and the gate's visitors.
// Deterministic (a seeded sequence), written once: a second run finds the register and leaves it.
import { appendAudit, defaultAuditKeyring, DEMO_IDS, type Prisma, type PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  DEFAULT_VISITOR_RETENTION_DAYS,
  HOUR_MS,
  MINUTE_MS,
  addLocalDays,
  defaultCalendarRelease,
  equipmentSchedule,
  missedCheckpoints,
  nextUpkeep,
  releaseWorkingCalendar,
  startOfLocalDay,
  traceAuditStream,
  workingDayTest,
  type EquipmentType,
  type FirmStaffRole,
  type LogbookKind,
  type WorkingDayTest,
} from '@pilot/domain';

const COMPOUND = DEMO_IDS.compound;
const FIRM = DEMO_IDS.firm;
/** The longest stretch of logbooks the demo writes: two three-month rounds. */
const MAX_DAYS = 183;

interface DemoItem {
  id: string;
  code: string;
  type: EquipmentType;
  name: string;
  keyPart: string | null;
  location: string;
  responsible: [string, string];
  contractor: [string, string] | null;
  /** Overrides of the type's defaults the firm's plan sets. */
  inspectionIntervalDays?: number;
}

const ITEMS: readonly DemoItem[] = [
  {
    id: 'eq-mg-lift-5-1',
    code: '5号楼-DT-01',
    type: 'lift',
    name: '5号楼1单元客梯',
    keyPart: 'lift_machine_room',
    location: '5号楼1单元，机房在顶层',
    responsible: ['王建华', '13805310061'],
    contractor: ['平阴通达电梯维保有限公司', '0531-87881234'],
  },
  {
    id: 'eq-mg-lift-6-1',
    code: '6号楼-DT-01',
    type: 'lift',
    name: '6号楼1单元客梯',
    keyPart: 'lift_machine_room',
    location: '6号楼1单元，机房在顶层',
    responsible: ['王建华', '13805310061'],
    contractor: ['平阴通达电梯维保有限公司', '0531-87881234'],
  },
  {
    id: 'eq-mg-pump-1',
    code: 'BF-01',
    type: 'water_pump',
    name: '二次供水变频泵组',
    keyPart: 'pump_room',
    location: '地下一层水泵房',
    responsible: ['刘强', '13805310062'],
    contractor: ['济南清源供水设备有限公司', '0531-86612345'],
    inspectionIntervalDays: 7,
  },
  {
    id: 'eq-mg-fire-1',
    code: 'XF-01',
    type: 'fire_system',
    name: '火灾自动报警及联动控制系统',
    keyPart: 'fire_control_room',
    location: '1号楼一层消防控制室',
    responsible: ['孟凡东', '13805310063'],
    contractor: ['山东安信消防技术服务有限公司', '0531-82223456'],
    inspectionIntervalDays: 7,
  },
  {
    id: 'eq-mg-power-1',
    code: 'PD-01',
    type: 'power_distribution',
    name: '10kV 配电室低压柜',
    keyPart: 'power_room',
    location: '3号楼北侧配电室',
    responsible: ['刘强', '13805310062'],
    contractor: ['平阴县恒电电力工程有限公司', '0531-87876543'],
    inspectionIntervalDays: 7,
  },
  {
    id: 'eq-mg-gate-n',
    code: 'DZ-01',
    type: 'gate',
    name: '北门车辆道闸',
    keyPart: null,
    location: '小区北门',
    responsible: ['赵志勇', '13805310064'],
    contractor: ['济南捷通智能科技有限公司', '0531-88887777'],
  },
  {
    id: 'eq-mg-ev-1',
    code: 'CD-01',
    type: 'ev_charger',
    name: '电动自行车集中充电桩（40 路）',
    keyPart: 'ev_charging_area',
    location: '7号楼东侧充电棚',
    responsible: ['赵志勇', '13805310064'],
    contractor: ['平阴县绿能充电服务有限公司', '0531-87661234'],
  },
];

interface DemoRoute {
  id: string;
  name: string;
  role: FirmStaffRole;
  hour: number;
  points: Array<[string, string, string | null]>;
}

const ROUTES: readonly DemoRoute[] = [
  {
    id: 'rt-mg-night',
    name: '夜间安防巡逻',
    role: 'security',
    hour: 22,
    points: [
      ['gate-n', '北门岗亭', null],
      ['garage-b1', '地下车库B1', 'underground_garage'],
      ['ev', '充电棚', 'ev_charging_area'],
      ['gate-s', '南门岗亭', null],
      ['perimeter', '西侧围墙', null],
    ],
  },
  {
    id: 'rt-mg-engineering',
    name: '工程设备巡检',
    role: 'engineering',
    hour: 9,
    points: [
      ['power', '配电室', 'power_room'],
      ['pump', '水泵房', 'pump_room'],
      ['tank', '生活水箱', 'water_tank'],
      ['roof-5', '5号楼屋面', 'roof'],
    ],
  },
  {
    id: 'rt-mg-fire',
    name: '消防安全巡查',
    role: 'fire_duty',
    hour: 15,
    points: [
      ['fcr', '消防控制室', 'fire_control_room'],
      ['exits-1-8', '1—8号楼疏散通道', null],
      ['exits-9-16', '9—16号楼疏散通道', null],
      ['garage-hydrant', '车库消火栓', 'underground_garage'],
    ],
  },
];

const VISITORS = ['张女士', '李先生', '快递员', '外卖骑手', '维修师傅', '刘阿姨', '陈先生', '搬家公司'];
const VISITING = ['3号楼2单元', '5号楼1单元', '8号楼3单元', '11号楼1单元', '物业服务中心', '2号楼4单元'];
const PURPOSES = ['探亲', '送快递', '送外卖', '上门维修', '看房', '搬家'];
const ACCEPTANCES: Array<[string, string, string | null]> = [
  ['济南鑫城建筑劳务有限公司', '5号楼外墙渗漏修补', null],
  ['济南捷通智能科技有限公司', '北门道闸电机更换', 'eq-mg-gate-n'],
  ['平阴县绿能充电服务有限公司', '充电棚新增 8 路充电口', 'eq-mg-ev-1'],
  ['山东安信消防技术服务有限公司', '车库消火栓箱玻璃更换', null],
  ['平阴县园林绿化工程有限公司', '中心花园补植草坪', null],
  ['济南清源供水设备有限公司', '生活水箱清洗消毒', 'eq-mg-pump-1'],
];

/** A seeded sequence in [0, 1): the same demo every time. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type EntryRow = Prisma.LogbookEntryCreateManyInput;

export interface DemoTraceResult {
  equipment: number;
  entries: number;
  visitors: number;
}

/** The logbooks from `fromMs` (local midnight) to the start of today. */
export function demoEntries(
  isWorking: WorkingDayTest,
  fromMs: number,
  todayMs: number,
  recordedBy: { id: string; name: string },
): { entries: EntryRow[]; visitors: Prisma.VisitorRecordCreateManyInput[] } {
  const random = sequence(20260301);
  const entries: EntryRow[] = [];
  const visitors: Prisma.VisitorRecordCreateManyInput[] = [];
  let serial = 0;
  const add = (
    kind: LogbookKind,
    atMs: number,
    summary: string,
    fields: Partial<Pick<EntryRow, 'equipmentId' | 'routeId' | 'details'>> = {},
  ): string => {
    serial += 1;
    const id = `lb-mg-${String(serial).padStart(5, '0')}`;
    entries.push({
      id,
      compoundId: COMPOUND,
      firmId: FIRM,
      kind,
      occurredAt: new Date(atMs),
      // Written up on the phone a few minutes after the work.
      recordedAt: new Date(atMs + Math.floor(random() * 20 + 2) * MINUTE_MS),
      recordedById: recordedBy.id,
      recordedByName: recordedBy.name,
      summary,
      details: {},
      photoIds: [],
      ...fields,
    });
    return id;
  };

  for (let day = fromMs; day < todayMs; day = addLocalDays(day, 1)) {
    const index = Math.round((day - fromMs) / DAY_MS);
    for (const route of ROUTES) {
      // One night in forty the round is skipped; one in twelve leaves a checkpoint out.
      if (random() < 0.025) continue;
      const codes = route.points.map(([code]) => code);
      const skip = random() < 0.08 ? codes[Math.floor(random() * codes.length)] : undefined;
      const visited = codes.filter((code) => code !== skip);
      const missed = missedCheckpoints({ checkpoints: codes.map((code) => ({ code })) }, visited);
      add(
        'patrol',
        day + route.hour * HOUR_MS + Math.floor(random() * 40) * MINUTE_MS,
        missed.length > 0
          ? `${route.name}，${route.points.find(([c]) => c === missed[0])?.[1] ?? missed[0]}因故未到`
          : `${route.name}，未见异常`,
        {
          routeId: route.id,
          details: { visited, missed },
        },
      );
    }
    for (const item of ITEMS) {
      const interval =
        item.inspectionIntervalDays ?? equipmentSchedule({ equipmentType: item.type }).inspectionIntervalDays;
      if (interval !== null && index % interval === 0 && random() > 0.03) {
        const abnormal = random() < 0.03;
        add(
          'inspection',
          day + 8 * HOUR_MS + Math.floor(random() * 50) * MINUTE_MS,
          abnormal ? `${item.name}巡检发现异响，已报维保单位` : `${item.name}巡检正常`,
          {
            equipmentId: item.id,
            details: { result: abnormal ? 'abnormal' : 'normal' },
          },
        );
      }
      if (item.type === 'power_distribution' || item.type === 'fire_system')
        add(
          'operation',
          day + 10 * HOUR_MS,
          item.type === 'power_distribution'
            ? `低压柜电压 ${(398 + random() * 8).toFixed(0)} V，温度正常`
            : '主机运行正常，无火警、无故障报警',
          { equipmentId: item.id },
        );
    }
    const visits = 1 + Math.floor(random() * 4);
    for (let v = 0; v < visits; v += 1) {
      const at = day + (9 + Math.floor(random() * 11)) * HOUR_MS + Math.floor(random() * 60) * MINUTE_MS;
      const id = add('visitor', at, PURPOSES[Math.floor(random() * PURPOSES.length)]!);
      const purgeAfter = new Date(at + DEFAULT_VISITOR_RETENTION_DAYS * DAY_MS);
      const row = entries[entries.length - 1]!;
      row.purgeAfter = purgeAfter;
      visitors.push({
        entryId: id,
        compoundId: COMPOUND,
        name: VISITORS[Math.floor(random() * VISITORS.length)]!,
        phone: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        visiting: VISITING[Math.floor(random() * VISITING.length)]!,
        purgeAfter,
      });
    }
    if (index % 30 === 12) {
      const [contractor, work, equipmentId] = ACCEPTANCES[Math.floor(index / 30) % ACCEPTANCES.length]!;
      add('acceptance', day + 16 * HOUR_MS, `${work}完工验收，资料齐全`, {
        equipmentId,
        details: { contractor, work, result: 'accepted', accepterName: '王建华' },
      });
    }
  }

  // Maintenance follows each item's own schedule; the contractor comes on the due day or a day or two early.
  for (const item of ITEMS) {
    const { maintenanceIntervalDays } = equipmentSchedule({ equipmentType: item.type });
    if (maintenanceIntervalDays === null) continue;
    let last = addLocalDays(fromMs, -Math.floor(maintenanceIntervalDays / 2));
    let visit = 0;
    for (;;) {
      const due = nextUpkeep(isWorking, last, maintenanceIntervalDays);
      // The fifth lift visit came two days late: the inspector will find it under C-06.
      const late = item.type === 'lift' && visit === 4 && item.id === 'eq-mg-lift-5-1';
      const early = late ? -2 : Math.floor(random() * 2);
      const dayMs = addLocalDays(due.dueDayMs, -early);
      if (dayMs >= todayMs) break;
      last = dayMs + (14 + Math.floor(random() * 3)) * HOUR_MS;
      if (last >= fromMs)
        add(
          'maintenance',
          last,
          `${item.name}${maintenanceIntervalDays >= 90 ? '季度' : maintenanceIntervalDays >= 30 ? '月度' : '半月'}保养，运行正常`,
          {
            equipmentId: item.id,
            details: { technician: ['赵工', '钱工', '孙工'][visit % 3]!, result: 'normal' },
          },
        );
      visit += 1;
    }
  }
  return { entries, visitors };
}

/** Writes the demo register and logbooks unless the compound has a register already. */
export async function importDemoTraces(prisma: PrismaClient, nowMs: number): Promise<DemoTraceResult | null> {
  if ((await prisma.equipment.count({ where: { compoundId: COMPOUND } })) > 0) return null;
  const [enrollment, user] = await Promise.all([
    prisma.enrollment.findFirst({ where: { compoundId: COMPOUND }, select: { startDate: true } }),
    prisma.user.findUniqueOrThrow({
      where: { id: DEMO_IDS.firmUser },
      select: { id: true, displayName: true },
    }),
  ]);
  const todayMs = startOfLocalDay(nowMs);
  const fromMs = Math.max(
    startOfLocalDay(enrollment?.startDate.getTime() ?? todayMs - MAX_DAYS * DAY_MS),
    addLocalDays(todayMs, -MAX_DAYS),
  );
  // The demo's pilots run on the built-in release, as the governance demo does.
  const isWorking = workingDayTest(releaseWorkingCalendar(defaultCalendarRelease()));
  const registeredAt = new Date(addLocalDays(fromMs, -7) + 10 * HOUR_MS);
  const { entries, visitors } = demoEntries(isWorking, fromMs, todayMs, {
    id: user.id,
    name: user.displayName,
  });
  const { signer } = await defaultAuditKeyring();
  const actor = { actorId: user.id, actorRole: 'firm', requestId: null };
  await prisma.$transaction(
    async (tx) => {
      await tx.equipment.createMany({
        data: ITEMS.map((item) => ({
          id: item.id,
          compoundId: COMPOUND,
          code: item.code,
          type: item.type,
          name: item.name,
          keyPart: item.keyPart,
          location: item.location,
          responsibleName: item.responsible[0],
          responsiblePhone: item.responsible[1],
          contractor: item.contractor?.[0] ?? null,
          contractorPhone: item.contractor?.[1] ?? null,
          ...equipmentSchedule({
            equipmentType: item.type,
            inspectionIntervalDays: item.inspectionIntervalDays,
          }),
          createdById: user.id,
          createdAt: registeredAt,
        })),
      });
      await tx.patrolRoute.createMany({
        data: ROUTES.map((route) => ({
          id: route.id,
          compoundId: COMPOUND,
          name: route.name,
          staffRole: route.role,
          intervalDays: 1,
          checkpoints: route.points.map(([code, name, keyPart]) => ({ code, name, keyPart })),
          createdById: user.id,
          createdAt: registeredAt,
        })),
      });
      await tx.stewardAssignment.create({
        data: {
          id: 'st-mg-1',
          compoundId: COMPOUND,
          userId: user.id,
          buildings: ['1号楼', '2号楼', '3号楼', '4号楼', '5号楼', '6号楼', '7号楼', '8号楼'],
          phone: '13805310065',
          note: '工作日 8:30—17:30，夜间请拨物业值班电话',
          createdAt: registeredAt,
        },
      });
      for (let start = 0; start < entries.length; start += 1000)
        await tx.logbookEntry.createMany({ data: entries.slice(start, start + 1000) });
      for (let start = 0; start < visitors.length; start += 1000)
        await tx.visitorRecord.createMany({ data: visitors.slice(start, start + 1000) });
      await appendAudit(tx, signer, {
        ...actor,
        stream: traceAuditStream(COMPOUND),
        action: 'logbook.import',
        entityType: 'compound',
        entityId: COMPOUND,
        after: {
          equipment: ITEMS.length,
          routes: ROUTES.length,
          entries: entries.length,
          from: registeredAt,
        },
      });
    },
    { timeout: 120_000 },
  );
  return { equipment: ITEMS.length, entries: entries.length, visitors: visitors.length };
}
