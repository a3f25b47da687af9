import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { DEFAULT_CATALOGUE } from '../catalogue/default-catalogue.js';
import { catalogueFingerprint } from '../catalogue/fingerprint.js';
import { FIELD_LABELS } from './field-labels.js';
import { fieldLabel, parseInput, type Locale } from './parse-input.js';
import { COMMAND_SCHEMAS, QUERY_SCHEMAS } from './registry.js';
import { auditCursorKeySchema, dueCursorKeySchema, encodeCursor } from './cursor.js';

const LOCALES: Locale[] = ['zh-CN', 'en'];
const ALL_SCHEMAS: Record<string, z.ZodType> = { ...COMMAND_SCHEMAS, ...QUERY_SCHEMAS };

const assignments = [
  { inspectorId: 'u-insp-1', kinds: ['concentrated', 'weekly', 'monthly'] },
  { inspectorId: 'u-insp-2', kinds: ['quarterly', 'consolidation'] },
];

/** A valid input for every schema; each test below breaks one field of it. */
const VALID: Record<string, Record<string, unknown>> = {
  login: { username: 'zhang.wei', password: 'secret' },
  createUser: {
    username: 'li_na',
    displayName: '李娜',
    role: 'firm',
    password: 'Correct-Horse-9',
    phone: '13800138000',
    firmId: 'f-1',
  },
  updateUser: { displayName: '李娜（物业经理）', active: false },
  resetPassword: { newPassword: 'Another-Horse-7' },
  changePassword: { currentPassword: 'Pilot@2024', newPassword: 'Another-Horse-7' },
  enrollPilot: {
    firm: { name: '祥顺物业' },
    compound: { name: '玫瑰家园', community: '锦水园社区', households: 860 },
    startDate: '2025-03-01',
    inspectorAssignments: assignments,
    catalogueVersion: '2024.1',
    planOptions: { roundMonths: 3, timeScale: 1000, calendar: { holidays: ['2025-04-04'] } },
  },
  bulkEnrollPilots: {
    enrollments: [
      {
        firm: { name: '祥顺物业' },
        compound: { id: 'cmp-1', name: '玫瑰家园', community: '锦水园社区' },
        startDate: '2025-03-01',
        inspectorAssignments: assignments,
        catalogueVersion: '2024.1',
      },
    ],
  },
  submitInspection: {
    taskId: 't-1',
    items: [
      { code: 'E-01', outcome: 'pass' },
      { code: 'A-02', outcome: 'fail', score: 3, note: '缺一名持证电工' },
    ],
    notes: '周检查',
    evidenceRefs: ['ev/1.jpg'],
  },
  submitSelfInspection: { pilotId: 'p-1', items: [{ code: 'A-05', outcome: 'pass' }], evidenceRefs: [] },
  uploadEvidence: { pilotId: 'p-1' },
  respondRectification: {
    rectificationId: 'r-1',
    response: '已更换灭火器并补填检查卡',
    evidenceRefs: ['ev/2.jpg'],
  },
  controlRectification: {
    rectificationId: 'r-1',
    measures: '电梯已停用，首层张贴停用告示，维保单位与物业负责人签字确认',
    evidenceRefs: ['ev/3.jpg'],
  },
  verifyRectification: { rectificationId: 'r-1', decision: 'reject', reason: '照片看不清压力表' },
  promoteCompound: { pilotId: 'p-1', note: '第二季度评定' },
  pausePilot: { pilotId: 'p-1', reason: '业主大会换届' },
  resumePilot: { pilotId: 'p-1' },
  extendDeadline: { targetType: 'rectification', targetId: 'r-1', days: 3, reason: '配件需要厂家供货' },
  reassignInspector: {
    pilotId: 'p-1',
    fromInspectorId: 'u-insp-1',
    toInspectorId: 'u-insp-3',
    kinds: ['weekly'],
  },
  withdrawPilot: { pilotId: 'p-1', reason: '物业服务合同到期不再续签' },
  startRollout: {
    sourcePilotId: 'p-1',
    startDate: '2025-05-06',
    catalogueVersion: '2024.1',
    targets: [
      { firm: { name: '甲物业' }, compound: { name: '一号小区', community: '东关社区' } },
      { firm: { name: '乙物业' }, compound: { name: '二号小区', community: '西关社区' } },
    ],
    inspectorAssignments: assignments,
  },
  draftCatalogueVersion: {
    ...(JSON.parse(JSON.stringify(DEFAULT_CATALOGUE)) as Record<string, unknown>),
    version: '2025.1',
    basedOn: '2024.1',
  },
  publishCatalogueVersion: { version: '2024.1', fingerprint: catalogueFingerprint(DEFAULT_CATALOGUE) },
  listPilots: {
    stage: 'improvement',
    paused: 'false',
    q: '玫瑰',
    communityId: 'c-1',
    stars: '4',
    page: '2',
    pageSize: '50',
  },
  listTasks: {
    pilotId: 'p-1',
    kind: 'weekly',
    status: 'open',
    dueFrom: '2025-03-01',
    dueTo: '2025-03-31',
    round: '1',
  },
  listRectifications: {
    status: 'open',
    severity: 'critical',
    category: 'E',
    overdue: 'true',
    cursor: encodeCursor(dueCursorKeySchema, { order: 'asc', at: '2025-03-01T08:00:00.000Z', id: 'r-1' }),
  },
  pilotTimeline: { cursor: encodeCursor(auditCursorKeySchema, { seq: '42' }), limit: '20' },
  listUsers: { role: 'inspector', q: '李' },
  listCompounds: { firmId: 'f-1', communityId: 'c-1', enrolled: 'true', q: '玫瑰', page: '1' },
  listCatalogueVersions: { status: 'published', page: 1 },
  createCatalogueDraft: {
    version: '2025.1',
    basedOn: '2024.1',
    title: '2025年版评价标准',
    effectiveFrom: 1735660800000,
    changes: {
      standards: [{ ...DEFAULT_CATALOGUE.standards[0], weight: 5 }],
      removeStandards: ['H-10'],
      weeklyChecklist: DEFAULT_CATALOGUE.weeklyChecklist,
    },
  },
  updateCatalogueDraft: { title: '2025年版评价标准（修订）', changes: { removeStandards: ['H-10'] } },
  dashboard: { months: '6', until: '2025-03', pilotId: 'p-1', firmId: 'f-1', communityId: 'c-1' },
  searchAuditLog: {
    actorId: 'u-1',
    action: 'catalogue.publish',
    entityType: 'catalogue_version',
    entityId: '2025.1',
    from: '2025-03-01',
    to: '2025-03-31',
    page: '2',
  },
  exportAuditLog: { action: 'catalogue', from: '2025-03-01', to: '2025-03-31' },
  exportPilots: { stage: 'consolidation', phase: 'archiving', firmId: 'f-1', communityId: 'c-1' },
  exportRectifications: { pilotId: 'p-1', status: 'open', severity: 'major', category: 'E', overdue: 'true' },
  listArchives: { pilotId: 'p-1', compoundId: 'cmp-1', page: '1' },
  // the governance closed loop
  createMatter: {
    source: 'hotline',
    compoundId: 'cmp-1',
    callerName: '刘先生',
    callerPhone: '13900001111',
    category: 'drainage',
    urgency: 'urgent',
    location: '地下车库入口',
    description: '12345转办：车库入口积水。',
    evidenceRefs: ['ev-1'],
    confirmNotDuplicate: true,
  },
  assignMatter: {
    matterId: 'mt-1',
    category: 'drainage',
    urgency: 'urgent',
    assignee: { kind: 'firm', firmId: 'f-1' },
    note: '请尽快处置',
  },
  acceptMatter: { matterId: 'mt-1' },
  returnMatter: { matterId: 'mt-1', reason: '非本单位职责' },
  joinMatter: { matterId: 'mt-1', partyIds: ['pty-1'], note: '请联合处置' },
  matterProgress: { matterId: 'mt-1', note: '已到现场查看', evidenceRefs: ['ev-2'] },
  rateMatter: { matterId: 'mt-1', solved: true, rating: 5, comment: '满意' },
  publishMatterRules: {
    basedOn: 1,
    byUrgency: {
      urgent: { accept: { unit: 'hours', amount: 1 }, resolve: { unit: 'working_days', amount: 1 } },
      ordinary: { accept: { unit: 'working_days', amount: 1 }, resolve: { unit: 'working_days', amount: 3 } },
    },
    remindAt: 0.8,
    confirmWithin: { unit: 'working_days', amount: 3 },
    reopenBelow: 3,
    satisfiedFrom: 4,
    duplicateWithinHours: 48,
  },
  confirmMatter: { matterId: 'mt-1', solved: true, rating: 4, note: '电话回访已解决' },
  cancelMatter: { matterId: 'mt-1', reason: '重复反映', duplicateOf: 'mt-0' },
  uploadMatterEvidence: { matterId: 'mt-1' },
  createParty: {
    code: 'PCS-02',
    name: '城东派出所',
    kind: 'judicial',
    communityId: 'c-1',
    contactName: '周斌',
    contactPhone: '13805310049',
  },
  updateParty: { name: '城东派出所（社区警务室）', active: false },
  listMatters: {
    status: 'assigned,in_progress',
    open: 'true',
    source: 'resident',
    category: 'parking',
    compoundId: 'cmp-1',
    communityId: 'c-1',
    firmId: 'f-1',
    partyId: 'pty-1',
    overdue: 'false',
    q: '南门',
    from: '2026-11-01',
    to: '2026-11-30',
    sort: 'queue',
    page: '1',
    pageSize: '20',
  },
  matterStats: { from: '2026-06-01', to: '2026-11-30', groupBy: 'party' },
  createPatrolPlan: { month: '2026-12', title: '2026-12 常态化巡查' },
  listPatrolPlans: { month: '2026-12' },
  listPatrolVisits: { date: '2026-12-02', status: 'planned', compoundId: 'cmp-1', planId: 'pp-1' },
  completePatrolVisit: {
    visitId: 'pv-1',
    patrollers: ['王志刚', '网格员李秀梅'],
    note: '联合社区巡查',
    findings: [{ topic: 'sanitation', location: '垃圾亭', description: '垃圾满溢未清运', evidenceRefs: [] }],
  },
  patrolLedger: {
    compoundId: 'cmp-1',
    communityId: 'c-1',
    firmId: 'f-1',
    topic: 'parking',
    status: 'closed',
    open: 'false',
    minAgeDays: '7',
    q: '南门',
    from: '2026-09-01',
    to: '2026-11-30',
    page: '1',
    pageSize: '20',
  },
  createMeeting: {
    communityId: 'c-1',
    month: '2026-12',
    title: '锦水园社区12月四方联席会议',
    opinionsUntil: '2026-12-20',
    scheduledAt: '2026-12-25T15:00:00+08:00',
  },
  listMeetings: { communityId: 'c-1', month: '2026-12', phase: 'opinions', page: '1', pageSize: '20' },
  addMeetingOpinion: { meetingId: 'mtg-1', source: 'grid', text: '网格走访：楼道照明不足' },
  holdMeeting: {
    meetingId: 'mtg-1',
    attendance: { subdistrict: ['王志刚'], community: ['李秀梅'], owners: ['赵国华'], firm: ['祥顺物业'] },
    minutes: '会议听取居民意见，议定建设电动车充电区。',
    resolutions: [
      {
        text: '建设电动车集中充电区',
        category: 'ev_charging',
        compoundId: 'cmp-1',
        assignee: { kind: 'firm', firmId: 'f-1' },
        dueOn: '2027-01-15',
      },
    ],
  },
  publishMeetingFeedback: { meetingId: 'mtg-1', feedback: '议定事项均已办结，感谢居民。' },
  registerResident: {
    compoundId: 'cmp-1',
    displayName: '韩秀英',
    phone: '13805310031',
    residence: '5号楼2单元301',
    username: 'han.xiuying',
    password: 'Correct-Horse-9',
  },
  rejectResidentApplication: { reason: '住址与台账不符' },
  listResidentApplications: {
    status: 'pending',
    compoundId: 'cmp-1',
    communityId: 'c-1',
    page: '1',
    pageSize: '20',
  },
  reportPosters: { communityId: 'c-1' },
  draftEvaluationRules: {
    basedOn: 1,
    note: '加大群众满意率权重',
    components: [
      { component: 'roundScore', weight: 0.5, best: 95, worst: 60 },
      { component: 'matterSatisfaction', weight: 0.5, best: 1, worst: 0.6 },
    ],
    casePoints: 1,
    caseCap: 5,
    grades: [
      { grade: 'AAA', from: 90 },
      { grade: 'B', from: 60 },
      { grade: 'C', from: 0 },
    ],
    lists: {
      red: { grade: 'AAA', consecutive: 2 },
      black: { grades: ['C'], criticalOverdue: true, reopenedAtLeast: 3 },
    },
  },
  publishEvaluationRules: { version: 2 },
  computeEvaluationPeriod: { period: '2026-11' },
  confirmListEntry: { reason: '连续两期获评AAA', effectiveFrom: '2026-12-01', effectiveUntil: '2027-05-31' },
  listEntryReason: { reason: '整改已完成' },
  saveCampaignDraft: {
    name: '2026 年全面推广',
    originEnrollmentIds: ['enr-1'],
    invitedFirmIds: ['f-1'],
    meetingOn: '2026-05-06',
    meetingPlace: '锦水街道办事处三楼会议室',
    meetingAttendees: { subdistrict: ['王协调'], community: ['东湖社区'], firms: ['金润物业'] },
    meetingMinutes: '部署推广工作，明确检查安排。',
    startDate: '2026-05-11',
    catalogueVersion: '2026.1',
    weeklyCapacity: 6,
    compounds: [{ compoundId: 'c-1', inspectorAssignments: assignments }],
  },
  rebalanceCampaign: { compoundId: 'c-1', inspectorAssignments: assignments },
  retryCampaign: { compoundIds: ['c-1'] },
  listCampaigns: { status: 'draft' },
  createEquipment: {
    compoundId: 'c-1',
    equipmentType: 'lift',
    assetCode: '1号楼-DT-01',
    name: '1号楼1单元客梯',
    keyPart: 'lift_machine_room',
    site: '1号楼1单元',
    responsibleUserId: 'u-firm',
    responsibleName: '王师傅',
    responsiblePhone: '13800138000',
    contractor: '平阴通达电梯维保公司',
    contractorPhone: '0531-87881234',
    maintenanceIntervalDays: 15,
    inspectionIntervalDays: 1,
    staffRole: 'engineering',
  },
  updateEquipment: {
    equipmentId: 'eq-1',
    responsibleUserId: 'u-firm-2',
    responsibleName: '李师傅',
    responsiblePhone: '13900139000',
    contractor: '济南安顺电梯工程有限公司',
    contractorPhone: '0531-87885678',
    maintenanceIntervalDays: 14,
    inspectionIntervalDays: null,
    staffRole: 'engineering',
    active: false,
  },
  recordLogbookEntry: {
    entryKind: 'maintenance',
    compoundId: 'c-1',
    equipmentId: 'eq-1',
    occurredAt: '2026-03-02T10:00:00+08:00',
    summary: '半月保养：曳引机、制动器、门锁回路检查正常。',
    photoIds: ['ph-1'],
    correctsId: 'lb-1',
    technician: '赵工',
    result: 'normal',
  },
  createPatrolRoute: {
    compoundId: 'c-1',
    name: '夜间安防巡逻',
    staffRole: 'security',
    intervalDays: 1,
    checkpoints: [
      { code: 'gate-n', name: '北门岗', keyPart: null },
      { code: 'garage', name: '地下车库', keyPart: 'garage' },
    ],
  },
  setPatrolRouteActive: { routeId: 'rt-1', active: false },
  assignSteward: {
    compoundId: 'c-1',
    userId: 'u-steward',
    servedBuildings: ['1号楼', '2号楼'],
    phone: '13800138000',
    note: '工作日 8:30–17:30',
  },
  endSteward: { stewardId: 'st-1' },
  equipmentLabels: { equipmentId: 'eq-1' },
  listLogbookEntries: {
    compoundId: 'c-1',
    kind: 'maintenance,inspection',
    equipmentId: 'eq-1',
    routeId: 'rt-1',
    from: '2026-03-01',
    to: '2026-03-31',
  },
  listFirmListEntries: { list: 'red', status: 'candidate', firmId: 'firm-1' },
  submitCase: {
    type: 'service',
    title: '楼道便民工具箱',
    compoundId: 'c-1',
    body: '在每个单元楼道设置便民工具箱，居民可借用常用工具，物业每周检查补充。',
    photoIds: ['ph-1'],
  },
  reviseCase: {
    caseId: 'case-1',
    type: 'innovation',
    title: '楼道便民工具箱',
    compoundId: 'c-1',
    body: '在每个单元楼道设置便民工具箱，居民可借用常用工具，物业每周检查补充。',
    photoIds: [],
  },
  reviewCase: { caseId: 'case-1', verdict: 'return', note: '请补充实施前后的照片。' },
  createCaseIssue: {
    number: 13,
    title: '三微案例第十三期',
    foreword: '本期聚焦便民服务。',
    caseIds: ['case-1'],
  },
  updateCaseIssue: { issueId: 'iss-1', title: '三微案例第十三期', caseIds: ['case-1', 'case-2'] },
  publishCaseIssue: { issueId: 'iss-1' },
  publishDisclosure: { subdistrict: '锦水街道', sections: ['compounds', 'ranking'] },
  listCases: { status: 'submitted', type: 'service', firmId: 'firm-1' },
  disclosurePreview: { subdistrict: '锦水街道', sections: ['lists', 'cases'] },
  listDisclosureSnapshots: { subdistrict: '锦水街道' },
};

/** A value of the wrong kind for the field whose valid value is `value`. */
function malformed(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return 'not-a-number';
  return 'not-a-structure';
}

function expectNamedIssues(
  schema: z.ZodType,
  input: unknown,
  context: string,
): Array<{ path: string; message: string }> {
  const all: Array<{ path: string; message: string }> = [];
  for (const locale of LOCALES) {
    const result = parseInput(schema, input, locale);
    expect(result.ok, context).toBe(false);
    if (result.ok) continue;
    const raw = schema.safeParse(input);
    const issues = raw.success ? [] : raw.error.issues;
    expect(result.issues).toHaveLength(issues.length);
    result.issues.forEach((issue, index) => {
      const source = issues[index];
      if (!source) throw new Error('issue mismatch');
      const label = fieldLabel(source.path);
      expect(issue.message, `${context} ${locale} ${issue.path}`).toContain(
        locale === 'en' ? label.en : label.zh,
      );
      if (locale === 'zh-CN') expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    });
    all.push(...result.issues);
  }
  return all;
}

describe('every schema', () => {
  it('has a valid sample for each registered schema', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(ALL_SCHEMAS).sort());
  });

  for (const [name, schema] of Object.entries(ALL_SCHEMAS)) {
    const sample = VALID[name] ?? {};

    it(`${name}: accepts its valid sample`, () => {
      const result = parseInput(schema, sample, 'en');
      if (!result.ok) throw new Error(JSON.stringify(result.issues));
      expect(result.ok).toBe(true);
    });

    it(`${name}: rejects a wrongly typed field with a message naming it in both languages`, () => {
      for (const key of Object.keys(sample)) {
        const broken = { ...sample, [key]: malformed(sample[key]) };
        const issues = expectNamedIssues(schema, broken, `${name}.${key}`);
        expect(
          issues.some((issue) => issue.path === key || issue.path.startsWith(`${key}.`)),
          `${name}.${key}`,
        ).toBe(true);
      }
    });

    it(`${name}: names every missing required field`, () => {
      for (const key of Object.keys(sample)) {
        const rest: Record<string, unknown> = { ...sample };
        delete rest[key];
        if (schema.safeParse(rest).success) continue; // optional or defaulted
        const en = parseInput(schema, rest, 'en');
        const zh = parseInput(schema, rest, 'zh-CN');
        if (en.ok || zh.ok) throw new Error('expected failure');
        const label = FIELD_LABELS[key];
        if (!label) throw new Error(`no label for ${key}`);
        // Plainly required fields say so; conditionally required ones explain the condition.
        expect(en.issues.find((issue) => issue.path === key)?.message, `${name}.${key}`).toContain(label.en);
        expect(zh.issues.find((issue) => issue.path === key)?.message, `${name}.${key}`).toContain(label.zh);
      }
    });

    it(`${name}: names the field for arbitrary malformed input`, () => {
      const keys = Object.keys(sample);
      const anyValue = fc.oneof(
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.object({ maxDepth: 1 }),
      );
      const inputArb = fc.oneof(
        anyValue,
        fc.record(Object.fromEntries(keys.map((key) => [key, anyValue])), { requiredKeys: [] }),
      );
      fc.assert(
        fc.property(inputArb, (input) => {
          const result = schema.safeParse(input);
          fc.pre(!result.success);
          expectNamedIssues(schema, input, name);
        }),
        { numRuns: 60 },
      );
    });
  }
});

/** Field names reachable in a schema, each with the name of the object field it sits in. */
function fieldNames(
  schema: z.ZodType,
  parent: string | undefined,
  out: Array<{ parent?: string; key: string }>,
): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const child = (value: unknown, nextParent: string | undefined) =>
    fieldNames(value as z.ZodType, nextParent, out);
  switch (def['type']) {
    case 'object':
      for (const [key, value] of Object.entries(def['shape'] as Record<string, unknown>)) {
        out.push(parent === undefined ? { key } : { parent, key });
        child(value, key);
      }
      break;
    case 'array':
      child(def['element'], parent);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      child(def['innerType'], parent);
      break;
    case 'pipe':
      child(def['in'], parent);
      child(def['out'], parent);
      break;
    case 'union':
      for (const option of def['options'] as unknown[]) child(option, parent);
      break;
    default:
      break;
  }
}

describe('field labels', () => {
  it('exist in both languages for every field of every schema', () => {
    const missing: string[] = [];
    for (const [name, schema] of Object.entries(ALL_SCHEMAS)) {
      const names: Array<{ parent?: string; key: string }> = [];
      fieldNames(schema, undefined, names);
      expect(names.length, name).toBeGreaterThan(0);
      for (const { parent, key } of names) {
        const label =
          (parent === undefined ? undefined : FIELD_LABELS[`${parent}.${key}`]) ?? FIELD_LABELS[key];
        if (!label || !label.zh || !label.en) missing.push(`${name}: ${parent ? `${parent}.` : ''}${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('distinguishes the same field name in different places', () => {
    expect(fieldLabel(['firm', 'name']).zh).toBe('物业企业名称');
    expect(fieldLabel(['targets', 1, 'compound', 'name']).en).toBe('Compound name');
    expect(fieldLabel([]).en).toBe('Input');
  });
});

describe('required fields', () => {
  it('say "required" in both languages', () => {
    expect(parseInput(COMMAND_SCHEMAS.login, { username: 'a' }, 'en')).toEqual({
      ok: false,
      issues: [{ path: 'password', message: 'Password is required' }],
    });
    expect(
      parseInput(COMMAND_SCHEMAS.extendDeadline, { targetId: 't', days: 2, reason: '等待配件' }, 'zh-CN'),
    ).toEqual({
      ok: false,
      issues: [{ path: 'targetType', message: '「延期对象类型」为必填项' }],
    });
    expect(parseInput(COMMAND_SCHEMAS.login, null, 'en')).toEqual({
      ok: false,
      issues: [{ path: '', message: 'Input must be an object' }],
    });
  });
});

describe('cross-field rules', () => {
  const issuesOf = (schema: z.ZodType, input: unknown, locale: Locale = 'en') => {
    const result = parseInput(schema, input, locale);
    return result.ok ? [] : result.issues;
  };

  it('requires a reason when a rectification is rejected', () => {
    const { reason: _reason, ...withoutReason } = VALID['verifyRectification'] ?? {};
    expect(issuesOf(COMMAND_SCHEMAS.verifyRectification, withoutReason)).toEqual([
      { path: 'reason', message: 'Reason: Rejecting a rectification needs a reason.' },
    ]);
    expect(issuesOf(COMMAND_SCHEMAS.verifyRectification, { ...withoutReason, decision: 'accept' })).toEqual(
      [],
    );
  });

  it('requires a note on failed items and unique codes', () => {
    const issues = issuesOf(
      COMMAND_SCHEMAS.submitInspection,
      {
        taskId: 't',
        items: [
          { code: 'A-01', outcome: 'fail' },
          { code: 'A-02', outcome: 'pass' },
          { code: 'A-02', outcome: 'na' },
        ],
      },
      'zh-CN',
    );
    expect(issues).toEqual([
      { path: 'items.0.note', message: '「备注」（第1项）：不合格项必须说明发现的问题。' },
      { path: 'items.2.code', message: '「标准编号」（第3项）：标准 A-02 重复填写。' },
    ]);
  });

  it('requires a firm for firm accounts and different inspectors on reassignment', () => {
    const { firmId: _firmId, ...noFirm } = VALID['createUser'] ?? {};
    expect(issuesOf(COMMAND_SCHEMAS.createUser, noFirm).map((i) => i.path)).toEqual(['firmId']);
    expect(issuesOf(COMMAND_SCHEMAS.createUser, { ...noFirm, role: 'inspector' })).toEqual([]);
    expect(
      issuesOf(COMMAND_SCHEMAS.reassignInspector, {
        pilotId: 'p',
        fromInspectorId: 'a',
        toInspectorId: 'a',
      }).map((i) => i.path),
    ).toEqual(['toInspectorId']);
  });

  it('needs every inspection kind covered by an inspector', () => {
    const input = {
      ...VALID['enrollPilot'],
      inspectorAssignments: [
        { inspectorId: 'x', kinds: ['weekly'] },
        { inspectorId: 'x', kinds: ['monthly'] },
      ],
    };
    const issues = issuesOf(COMMAND_SCHEMAS.enrollPilot, input);
    expect(issues.map((i) => i.path)).toEqual(['inspectorAssignments.1.inspectorId', 'inspectorAssignments']);
    expect(issues[1]?.message).toContain(
      'concentrated inspection, quarterly special inspection, key-part consolidation check',
    );
  });

  it('checks plan options as a whole plan', () => {
    const input = {
      ...VALID['enrollPilot'],
      planOptions: { selfInspectionDays: 5, calendar: { holidays: ['2025-02-30'] } },
    };
    expect(issuesOf(COMMAND_SCHEMAS.enrollPilot, input).map((i) => i.path)).toEqual([
      'planOptions.calendar.holidays.0',
    ]);
    const late = { ...VALID['enrollPilot'], planOptions: { selfInspectionDays: 12 } };
    const issues = issuesOf(COMMAND_SCHEMAS.enrollPilot, late, 'zh-CN');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('planOptions.concentratedInspectionOffsetDays');
    expect(issues[0]?.message).toContain('集中检查间隔天数');
  });

  it('refuses a due range that ends before it starts and coerces query strings', () => {
    expect(
      issuesOf(QUERY_SCHEMAS.listTasks, { dueFrom: '2025-04-01', dueTo: '2025-03-01' }).map((i) => i.path),
    ).toEqual(['dueTo']);
    const parsed = parseInput(QUERY_SCHEMAS.listPilots, { paused: 'true', page: '3' }, 'en');
    expect(parsed).toMatchObject({
      ok: true,
      data: { paused: true, page: 3, pageSize: 20, sortBy: 'startDate', sortOrder: 'asc' },
    });
  });

  it('maps catalogue invariants onto the draft fields', () => {
    const draft = JSON.parse(JSON.stringify(VALID['draftCatalogueVersion'])) as {
      standards: Array<{ code: string }>;
      weeklyChecklist: string[];
    };
    const second = draft.standards[1];
    if (!second) throw new Error('fixture');
    second.code = 'A-01';
    draft.weeklyChecklist = draft.weeklyChecklist.slice(1);
    const issues = issuesOf(COMMAND_SCHEMAS.draftCatalogueVersion, draft, 'zh-CN');
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['standards.1.code', 'weeklyChecklist']),
    );
    expect(issues.find((i) => i.path === 'weeklyChecklist')?.message).toContain('「周检查表」');
  });

  it('accepts only well-formed fingerprints and dates', () => {
    expect(
      issuesOf(COMMAND_SCHEMAS.publishCatalogueVersion, { version: '2024.1', fingerprint: 'md5:abc' }).map(
        (i) => i.path,
      ),
    ).toEqual(['fingerprint']);
    expect(
      issuesOf(COMMAND_SCHEMAS.enrollPilot, { ...VALID['enrollPilot'], startDate: '2025-02-29' }),
    ).toEqual([{ path: 'startDate', message: 'Start date must be a real date written YYYY-MM-DD' }]);
  });
});
