import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import {
  createPilotRecords,
  csvLines,
  downloadFile,
  seedReportScenario,
} from '../test-support/report-fixtures.js';
import { XLSX_TYPE } from './ledger.js';

interface Workbook {
  name: string;
  header: string[];
  rows: Array<Record<string, unknown>>;
  frozenRows: number | undefined;
  filter: unknown;
  /** Cell types by header, of the first data row (ExcelJS.ValueType). */
  types: Array<Record<string, number>>;
}

/** Opens the download with exceljs, as a person's Excel would read it. */
async function workbook(bytes: Uint8Array): Promise<Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs takes the bytes through its own Buffer type.
  await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  expect(book.worksheets).toHaveLength(1);
  const sheet = book.worksheets[0]!;
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell) => header.push(String(cell.value ?? '')));
  const rows: Array<Record<string, unknown>> = [];
  const types: Array<Record<string, number>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
    types.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).type])));
  }
  const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
  return {
    name: sheet.name,
    header,
    rows,
    frozenRows: view?.state === 'frozen' ? view.ySplit : undefined,
    filter: sheet.autoFilter,
    types,
  };
}

const csvHeader = (bytes: Uint8Array) => csvLines(bytes)[0]!.split(',');

describe('ledgers as .xlsx beside the CSV exports', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    const { prisma } = api.runtime.deps;
    await seedReportScenario(prisma);
    for (const [pilot, compoundId, firmId] of [
      ['enr-xl-meigui', 'cmp-lijingyuan', 'firm-xiangshun'],
      ['enr-xl-hepingli', 'cmp-hepingli', 'firm-jinrun'],
    ] as const) {
      await createPilotRecords(prisma, {
        id: pilot,
        compoundId,
        firmId,
        stage: 'consolidation',
        phase: 'archiving',
        inspectorId: 'usr-insp-li',
        rounds: [{ number: 1, score: 81.25, stars: 4, categoryScores: [] }],
      });
      await prisma.archive.create({
        data: {
          id: `arc-${pilot}`,
          enrollmentId: pilot,
          roundId: `${pilot}:r1`,
          storageKey: `archives/${pilot}/r1.json`,
          contentHash: 'a'.repeat(64),
          index: [],
          itemCount: 12,
          createdAt: new Date(),
        },
      });
    }
    coordinator = await api.as('coord.wang');
  });
  afterAll(async () => api?.close());

  it('整改台账: the CSV’s header and rows, frozen header, filter over every row, text kept as text', async () => {
    const file = await downloadFile(coordinator, '/exports/rectifications.xlsx');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(
      /^整改台账-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const book = await workbook(file.bytes);
    const csv = await downloadFile(coordinator, '/exports/rectifications.csv');
    expect(book.name).toBe('整改台账');
    expect(book.header).toEqual(csvHeader(csv.bytes));
    expect(book.header.slice(0, 3)).toEqual(['事项编号', '试点编号', '小区']);
    expect(book.rows).toHaveLength(7);
    expect(book.frozenRows).toBe(1);
    // The filter spans the header and every row (15 columns: A…O).
    expect(book.header).toHaveLength(15);
    expect(book.filter).toBe('A1:O8');
    const m3 = book.rows.find((r) => r['事项编号'] === 'rect-m3')!;
    // Excel reads it as the text typed, not a formula (no apostrophe needed, unlike CSV).
    expect(m3['发现问题']).toBe('=电梯维保记录缺两次, "年检"标志过期');
    expect(m3).toMatchObject({ 严重程度: '严重', 状态: '待整改', 是否超期: '是' });
    expect(book.rows.find((r) => r['事项编号'] === 'rect-m1')).toMatchObject({
      状态: '已销号',
      '整改用时（天）': 3,
    });
    expect(book.types[0]!['整改用时（天）'] ?? ExcelJS.ValueType.Null).not.toBe(ExcelJS.ValueType.Formula);

    const closed = await workbook(
      (await downloadFile(coordinator, '/exports/rectifications.xlsx?status=closed')).bytes,
    );
    expect(closed.rows.map((r) => r['事项编号']).sort()).toEqual(['rect-m1', 'rect-m2']);
  });

  it('检查任务: the task list’s filters, every page, as CSV and .xlsx with the same rows', async () => {
    const list = await coordinator.get<{ total: number }>('/tasks?kind=weekly&pageSize=1');
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(1);
    const book = await workbook((await downloadFile(coordinator, '/exports/tasks.xlsx?kind=weekly')).bytes);
    expect(book.name).toBe('检查任务');
    expect(book.header).toEqual([
      '任务编号',
      '试点编号',
      '小区',
      '社区',
      '物业企业',
      '检查类别',
      '轮次',
      '开始时间',
      '截止时间',
      '状态',
      '是否逾期',
      '检查人',
      '提交时间',
      '得分',
      '合格率（%）',
    ]);
    expect(book.rows).toHaveLength(list.body.total);
    expect(new Set(book.rows.map((r) => r['检查类别']))).toEqual(new Set(['周检查']));
    const csv = csvLines((await downloadFile(coordinator, '/exports/tasks.csv?kind=weekly')).bytes);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(book.rows.map((r) => r['任务编号']));
    const all = await coordinator.get<{ total: number }>('/tasks?pageSize=1');
    expect(
      (await workbook((await downloadFile(coordinator, '/exports/tasks.xlsx')).bytes)).rows,
    ).toHaveLength(all.body.total);
    const en = await workbook(
      (await downloadFile(coordinator, '/exports/tasks.xlsx?kind=weekly', { 'accept-language': 'en' })).bytes,
    );
    expect(en.header[0]).toBe('Task ID');
    expect(en.rows[0]!['Kind']).toBe('Weekly inspection');
  });

  it('the pilot ledger and the archive index, each within the caller’s scope', async () => {
    const pilots = await workbook((await downloadFile(coordinator, '/exports/pilots.xlsx')).bytes);
    expect(pilots.header[0]).toBe('试点编号');
    expect(pilots.rows.length).toBeGreaterThanOrEqual(5);

    const index = await workbook((await downloadFile(coordinator, '/archives/index.xlsx')).bytes);
    expect(index.name).toBe('档案目录');
    expect(index.header).toContain('电子档案校验值（SHA-256）');
    expect(index.header).toContain('档案册校验值（SHA-256）');
    expect(index.rows.map((r) => r['档案编号']).sort()).toEqual(['arc-enr-xl-hepingli', 'arc-enr-xl-meigui']);
    expect(index.rows.find((r) => r['档案编号'] === 'arc-enr-xl-meigui')).toMatchObject({
      小区: '丽景苑',
      得分: 81.25,
      星级: 4,
      记录数: 12,
    });
    expect(index.frozenRows).toBe(1);
    // A firm's index holds its own compounds only; the CSV says the same.
    const firm = await api.as('firm.xiangshun');
    const own = await workbook((await downloadFile(firm, '/archives/index.xlsx')).bytes);
    expect(own.rows.map((r) => r['档案编号'])).toEqual(['arc-enr-xl-meigui']);
    const ownCsv = csvLines((await downloadFile(firm, '/archives/index.csv')).bytes);
    expect(ownCsv).toHaveLength(2);
    expect(ownCsv[1]!.startsWith('arc-enr-xl-meigui,')).toBe(true);
    const filtered = await workbook(
      (await downloadFile(coordinator, '/archives/index.xlsx?compoundId=cmp-hepingli')).bytes,
    );
    expect(filtered.rows.map((r) => r['档案编号'])).toEqual(['arc-enr-xl-hepingli']);
  });

  it('keeps exports to admins and coordinators and refuses bad filters with field errors', async () => {
    expect((await downloadFile(await api.as('firm.xiangshun'), '/exports/rectifications.xlsx')).status).toBe(
      403,
    );
    expect((await downloadFile(await api.as('insp.zhang'), '/exports/tasks.xlsx')).status).toBe(403);
    expect((await downloadFile(await api.as('resident.han'), '/archives/index.xlsx')).status).toBe(403);
    const issues = async (url: string) => {
      const bad = await downloadFile(coordinator, url);
      expect(bad.status).toBe(400);
      return (
        JSON.parse(new TextDecoder().decode(bad.bytes)) as {
          error: { issues: Array<{ path: string; message: string }> };
        }
      ).error.issues;
    };
    expect(
      (await issues('/exports/tasks.xlsx?kind=daily&overdue=perhaps')).map((i) => i.path).sort(),
    ).toEqual(['kind', 'overdue']);
    expect(await issues('/exports/tasks.xlsx?dueFrom=2026-05-01&dueTo=2026-04-01')).toEqual([
      { path: 'dueTo', message: '「截止日期止」：截止日期止不能早于截止日期起。' },
    ]);
    expect((await downloadFile(coordinator, '/archives/index.xlsx?pilotId=')).status).toBe(400);
  });
});
