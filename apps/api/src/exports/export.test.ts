import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { csvLines, downloadFile, seedReportScenario } from '../test-support/report-fixtures.js';

/** Splits one CSV line into cells (quoted cells may hold commas and doubled quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  const pattern = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
  for (const match of line.matchAll(pattern)) {
    out.push(match[2] !== undefined ? match[2].replaceAll('""', '"') : (match[1] ?? ''));
    if (match[3] === '') break;
  }
  return out;
}

function table(lines: string[]): Array<Record<string, string>> {
  const header = cells(lines[0]!);
  return lines.slice(1).map((line) => Object.fromEntries(cells(line).map((value, i) => [header[i], value])));
}

describe('CSV exports over HTTP', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    await seedReportScenario(api.runtime.deps.prisma);
    coordinator = await api.as('coord.wang');
  });
  afterAll(async () => api?.close());

  it('exports the pilots for Excel: BOM, header row, Chinese labels, one row per pilot', async () => {
    const file = await downloadFile(coordinator, '/exports/pilots.csv');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = file.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="pilots-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^试点清单-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.headers.get('x-row-count')).toBe('3');
    const lines = csvLines(file.bytes);
    expect(lines[0]).toBe(
      '试点编号,小区,社区,物业企业,阶段,环节,状态,轮次,得分,星级,未销号整改,示范小区,开始日期',
    );
    const rows = table(lines);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r['小区'] === '玫瑰家园')).toMatchObject({
      社区: '锦水园社区',
      物业企业: '祥顺物业',
      阶段: '总结巩固阶段',
      环节: '巩固轮次（重点部位检查）',
      轮次: '2',
      得分: '85.5',
      星级: '4',
      未销号整改: '2',
      示范小区: '否',
    });
    expect(rows.find((r) => r['小区'] === '锦水花园')).toMatchObject({ 星级: '', 得分: '', 未销号整改: '0' });

    const filtered = csvLines(
      (await downloadFile(coordinator, '/exports/pilots.csv?stage=improvement&firmId=firm-jinrun')).bytes,
    );
    expect(table(filtered).map((r) => r['小区'])).toEqual(['金桂园']);

    const en = csvLines(
      (await downloadFile(coordinator, '/exports/pilots.csv', { 'accept-language': 'en-US' })).bytes,
    );
    expect(en[0]).toBe(
      'Pilot ID,Compound,Community,Firm,Stage,Phase,Status,Round,Score,Stars,Open rectifications,Demonstration compound,Start date',
    );
    expect(table(en).find((r) => r['Compound'] === '玫瑰家园')!['Stage']).toBe('Summary and consolidation');
  });

  it('exports the rectification ledger, quoting text and defusing formulas', async () => {
    const file = await downloadFile(coordinator, '/exports/rectifications.csv');
    expect(file.status).toBe(200);
    const lines = csvLines(file.bytes);
    expect(lines[0]).toBe(
      '事项编号,试点编号,小区,社区,物业企业,标准编号,发现问题,严重程度,关键项,状态,下发时间,整改期限,销号时间,整改用时（天）,是否超期',
    );
    const rows = table(lines);
    expect(rows).toHaveLength(7);
    const m3 = rows.find((r) => r['事项编号'] === 'rect-m3')!;
    // A finding starting with "=" stays text in Excel; quotes and commas survive.
    expect(m3['发现问题']).toBe(`'=电梯维保记录缺两次, "年检"标志过期`);
    expect(m3).toMatchObject({ 严重程度: '严重', 状态: '待整改', 是否超期: '是', 销号时间: '' });
    expect(rows.find((r) => r['事项编号'] === 'rect-m1')).toMatchObject({
      状态: '已销号',
      '整改用时（天）': '3',
      是否超期: '否',
    });

    const overdue = table(
      csvLines((await downloadFile(coordinator, '/exports/rectifications.csv?overdue=true')).bytes),
    );
    expect(overdue.map((r) => r['事项编号']).sort()).toEqual(['rect-j1', 'rect-m3']);
    const accepted = table(
      csvLines((await downloadFile(coordinator, '/exports/rectifications.csv?status=closed')).bytes),
    );
    expect(accepted.map((r) => r['事项编号']).sort()).toEqual(['rect-m1', 'rect-m2']);
    const byPilot = table(
      csvLines(
        (await downloadFile(coordinator, '/exports/rectifications.csv?pilotId=enr-test-jingui&category=F'))
          .bytes,
      ),
    );
    expect(byPilot.map((r) => r['事项编号'])).toEqual(['rect-j1']);
  });

  it('is for admins and coordinators only, and rejects malformed filters with 400', async () => {
    const firm = await api.as('firm.xiangshun');
    expect((await downloadFile(firm, '/exports/pilots.csv')).status).toBe(403);
    const inspector = await api.as('insp.zhang');
    expect((await downloadFile(inspector, '/exports/rectifications.csv')).status).toBe(403);
    const admin = await api.as('admin.jinshui');
    expect((await downloadFile(admin, '/exports/pilots.csv')).status).toBe(200);
    const bad = await downloadFile(admin, '/exports/rectifications.csv?status=maybe&overdue=perhaps');
    expect(bad.status).toBe(400);
    const body = JSON.parse(new TextDecoder().decode(bad.bytes)) as {
      error: { issues: Array<{ path: string }> };
    };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['overdue', 'status']);
  });
});
