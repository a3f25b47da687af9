import { createHash } from 'node:crypto';
import { DEFAULT_CATALOGUE, WEEKLY_CHECKLIST_CODES } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { pdfFonts, pdfInfo, pdfText } from '../test-support/pdf-tools.js';
import { createPilotRecords, downloadFile } from '../test-support/report-fixtures.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const flat = (text: string) => text.replace(/\s+/g, '');

const PILOT = 'enr-print-meigui';
const SUBMITTED = `${PILOT}:r1-weekly-03`;
const OPEN = `${PILOT}:r1-weekly-04`;

describe('周检查表 on A4: blank and filled', () => {
  let api: ApiHarness;
  let inspector: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    const { prisma } = api.runtime.deps;
    await createPilotRecords(prisma, {
      id: PILOT,
      compoundId: 'cmp-meiguijiayuan',
      firmId: 'firm-xiangshun',
      stage: 'improvement',
      phase: 'improvement_round',
      inspectorId: 'usr-insp-zhang',
      tasks: [
        {
          key: 'r1-weekly-04',
          kind: 'weekly',
          dueAt: new Date(Date.now() + 86_400_000),
          status: 'open',
          assigneeId: 'usr-insp-zhang',
        },
      ],
    });
    const submittedAt = new Date('2026-03-04T02:20:00Z');
    await prisma.inspectionTask.create({
      data: {
        id: SUBMITTED,
        enrollmentId: PILOT,
        key: 'r1-weekly-03',
        kind: 'weekly',
        opensAt: new Date('2026-03-02T00:00:00Z'),
        dueAt: new Date('2026-03-06T10:00:00Z'),
        status: 'submitted',
        submittedAt,
        assigneeId: 'usr-insp-zhang',
      },
    });
    await prisma.inspectionResult.create({
      data: {
        id: `${SUBMITTED}:result`,
        taskId: SUBMITTED,
        enrollmentId: PILOT,
        submittedById: 'usr-insp-zhang',
        catalogueVersionId: DEFAULT_CATALOGUE.version,
        score: 91.25,
        complianceRate: 0.9411,
        categoryScores: [],
        notes: '消防控制室夜班记录不全，其余良好',
        submittedAt,
        items: {
          createMany: {
            data: WEEKLY_CHECKLIST_CODES.map((code, i) => ({
              standardCode: code,
              outcome: code === 'E-02' ? 'fail' : i === 0 ? 'na' : 'pass',
              note: code === 'E-02' ? '三月一日、二日夜班缺记录' : null,
              evidenceIds: [],
            })),
          },
        },
      },
    });
    inspector = await api.as('insp.zhang');
  });
  afterAll(async () => api?.close());

  it('prints the blank 35-item form with Chinese headings, every item code and an embedded CJK font', async () => {
    const file = await downloadFile(inspector, '/printing/weekly-checklist.pdf');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      '周检查表（空白）.pdf',
    );
    const text = flat(await pdfText(file.bytes));
    for (const heading of [
      '《物业企业评价激励机制试点周检查表》',
      '小区名称',
      '物业服务企业',
      '检查日期',
      '检查人',
      '合格（√）',
      '不合格（×）',
      '不适用',
      '备注',
      '检查人（签字）',
      '物业企业负责人（签字）',
    ]) {
      expect(text).toContain(heading);
    }
    expect(WEEKLY_CHECKLIST_CODES).toHaveLength(35);
    for (const code of WEEKLY_CHECKLIST_CODES) expect(text).toContain(code);
    const info = await pdfInfo(file.bytes);
    expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
    const fonts = await pdfFonts(file.bytes);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/NotoSansCJK|\+/);
      expect(font.embedded).toBe(true);
    }
    // Nothing on a blank form changes between prints.
    const again = await downloadFile(inspector, '/printing/weekly-checklist.pdf');
    expect(sha256(again.bytes)).toBe(sha256(file.bytes));
  });

  it('prints a compound’s blank form with its name and what it lacks marked 不适用', async () => {
    const firm = await api.as('firm.xiangshun');
    // 锦水花园 has no lifts and no fire-control room.
    const file = await downloadFile(firm, '/printing/weekly-checklist.pdf?compoundId=cmp-jinshuihuayuan');
    expect(file.status).toBe(200);
    const text = flat(await pdfText(file.bytes));
    expect(text).toContain('锦水花园');
    expect(text).toContain('祥顺物业');
    expect(text).toContain('不适用：本小区无电梯');
    expect(text).toContain('不适用：本小区无消防控制室');
    // Another firm's compound is not there for this firm.
    expect(
      (await downloadFile(firm, '/printing/weekly-checklist.pdf?compoundId=cmp-jinguiyuan')).status,
    ).toBe(404);
    expect((await downloadFile(await api.as('resident.han'), '/printing/weekly-checklist.pdf')).status).toBe(
      403,
    );
  });

  it('refuses malformed query values with field errors in Chinese, and unknown versions with 404', async () => {
    const bad = await downloadFile(
      inspector,
      '/printing/weekly-checklist.pdf?catalogueVersionId=latest&compoundId=',
    );
    expect(bad.status).toBe(400);
    const body = JSON.parse(new TextDecoder().decode(bad.bytes)) as {
      error: { issues: Array<{ path: string; message: string }> };
    };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['catalogueVersionId', 'compoundId']);
    for (const issue of body.error.issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    expect(
      (await downloadFile(inspector, '/printing/weekly-checklist.pdf?catalogueVersionId=1999.1')).status,
    ).toBe(404);
  });

  it('fills the form from a submitted inspection: results, notes, inspector and time', async () => {
    const file = await downloadFile(inspector, `/printing/tasks/${SUBMITTED}/checklist.pdf`);
    expect(file.status).toBe(200);
    const raw = await pdfText(file.bytes);
    const text = flat(raw);
    for (const code of WEEKLY_CHECKLIST_CODES) expect(text).toContain(code);
    expect(text).toContain('玫瑰家园');
    expect(text).toContain('张伟');
    expect(text).toContain('2026-03-04');
    expect(text).toContain('2026-03-0410:20');
    expect(text).toContain('三月一日、二日夜班缺记录');
    expect(text).toContain('检查说明：消防控制室夜班记录不全，其余良好');
    expect(text).toContain('91.25');
    expect(text).toContain('94.1%');
    // One tick per item: 33 合格, 1 不合格, 1 不适用.
    expect(text).toContain('33/1/1');
    expect((raw.match(/√/g) ?? []).length).toBeGreaterThanOrEqual(35);
  });

  it('prints an open task as its blank form, and only to those who may see the task', async () => {
    const file = await downloadFile(inspector, `/printing/tasks/${OPEN}/checklist.pdf`);
    expect(file.status).toBe(200);
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      '玫瑰家园-r1-weekly-04-检查表（空白）.pdf',
    );
    const text = flat(await pdfText(file.bytes));
    expect(text).toContain('玫瑰家园');
    expect(text).toContain('r1-weekly-04');
    expect(
      (await downloadFile(await api.as('insp.li'), `/printing/tasks/${SUBMITTED}/checklist.pdf`)).status,
    ).toBe(404);
    expect(
      (await downloadFile(await api.as('firm.xiangshun'), `/printing/tasks/${SUBMITTED}/checklist.pdf`))
        .status,
    ).toBe(404);
    expect(
      (await downloadFile(await api.as('coord.wang'), `/printing/tasks/${SUBMITTED}/checklist.pdf`)).status,
    ).toBe(200);
  });
});
