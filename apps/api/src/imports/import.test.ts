// The register and its import over HTTP on a real database: a subdistrict's own 小区台账 checked
// (every bad cell named by row and column, nothing written), applied, and applied again unchanged.
import ExcelJS from 'exceljs';
import { creditCodeCheckCharacter, IMPORT_SHEETS, type ImportKind } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { createPilotRecords } from '../test-support/report-fixtures.js';
import type { CommunityView, CompoundRecord, FirmView } from '../register/register.dto.js';
import type { AppliedImport, ImportJobView } from './import.dto.js';

/** A valid 统一社会信用代码 made from a running number (the check character computed). */
const creditCode = (n: number) => {
  const base = `91370124MA3${String(n).padStart(6, '0')}`;
  return base + creditCodeCheckCharacter(base);
};

async function workbook(kind: ImportKind, rows: Array<Array<string | number>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(IMPORT_SHEETS[kind].title.zh);
  sheet.addRow(
    IMPORT_SHEETS[kind].columns.map((column) => (column.required ? `${column.header}*` : column.header)),
  );
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(client: ApiClient, kind: ImportKind, bytes: Buffer, name = `${kind}.xlsx`) {
  const form = new FormData();
  const type = name.endsWith('.csv')
    ? 'text/csv'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const response = await fetch(`${client.baseUrl}/imports/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as ImportJobView & { reasons?: unknown } };
}

describe('the register and its import', () => {
  let api: ApiHarness;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    admin = await api.as('admin.jinshui');
  });
  afterAll(async () => api?.close());

  it('creates, edits and deactivates a community, a firm and a compound, audited, refusing what records forbid', async () => {
    const community = await admin.post<CommunityView>('/communities', {
      communityCode: '370124001099',
      name: '青龙社区',
      subdistrict: '锦水街道',
    });
    expect(community.status).toBe(201);
    const again = await admin.post<{ error: { issues: Array<{ path: string; message: string }> } }>(
      '/communities',
      {
        communityCode: '370124001099',
        name: '另一个',
        subdistrict: '锦水街道',
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.issues[0]!.message).toContain('社区编码');

    const badFirm = await admin.post<{ error: { issues: Array<{ path: string; message: string }> } }>(
      '/firms',
      {
        name: '青龙物业',
        creditCode: '91370124MA3C7X2K8A',
      },
    );
    expect(badFirm.status).toBe(400);
    expect(badFirm.body.error.issues.map((i) => i.path)).toEqual(['creditCode']);
    const firm = await admin.post<FirmView>('/firms', {
      name: '青龙物业',
      creditCode: creditCode(1).toLowerCase(),
      contactName: '赵经理',
      contactPhone: '0531-87650001',
    });
    expect(firm.status).toBe(201);
    expect(firm.body.creditCode).toBe(creditCode(1));

    const compound = await admin.post<CompoundRecord>('/compounds', {
      name: '青龙小区',
      communityId: community.body.id,
      firmId: firm.body.id,
      liftCount: 0,
      hasFireControlRoom: false,
      hasSecondaryWaterSupply: true,
      hasUndergroundGarage: false,
      hasEvChargingArea: true,
      hasSepticTank: true,
    });
    expect(compound.status).toBe(201);
    expect(compound.body.features).toEqual(['secondary_water_supply', 'ev_charging_area', 'septic_tank']);

    // A community with an active compound, a firm serving one: neither may be deactivated yet.
    expect((await admin.patch(`/communities/${community.body.id}`, { active: false })).status).toBe(409);
    expect((await admin.patch(`/firms/${firm.body.id}`, { active: false })).status).toBe(409);
    const closed = await admin.patch<CompoundRecord>(`/compounds/${compound.body.id}`, { active: false });
    expect(closed.body.active).toBe(false);
    expect((await admin.patch<FirmView>(`/firms/${firm.body.id}`, { active: false })).body.active).toBe(
      false,
    );

    // A compound in a running pilot keeps its firm until the pilot ends.
    await createPilotRecords(api.runtime.deps.prisma, {
      id: 'enr-register-meigui',
      compoundId: 'cmp-meiguijiayuan',
      firmId: 'firm-xiangshun',
      stage: 'improvement',
      phase: 'improvement_round',
      inspectorId: 'usr-insp-zhang',
      rounds: [],
    });
    const handover = await admin.patch<{ error: { reasons: Array<{ code: string }> } }>(
      '/compounds/cmp-meiguijiayuan',
      { firmId: 'firm-jinrun' },
    );
    expect(handover.status).toBe(409);
    expect(handover.body.error.reasons[0]!.code).toBe('compound_in_pilot_handover');

    const coordinator = await api.as('coord.wang');
    expect((await coordinator.post('/firms', { name: 'x', creditCode: creditCode(2) })).status).toBe(403);
    expect((await coordinator.get('/firms')).status).toBe(200);
    const firmUser = await api.as('firm.xiangshun');
    expect((await firmUser.get('/communities')).status).toBe(403);

    const audit = await admin.get<{ items: Array<{ action: string }> }>(
      `/audit?entityType=compound&entityId=${compound.body.id}`,
    );
    expect(audit.body.items.map((entry) => entry.action).sort()).toEqual([
      'compound.create',
      'compound.deactivate',
    ]);
  });

  it('imports 物业企业名录, then a 小区台账 of 28 compounds with 3 bad rows: dry run, apply 25, re-apply changes nothing', async () => {
    const firms = await upload(
      admin,
      'firms',
      await workbook('firms', [
        ['锦水物业一公司', creditCode(11), '钱经理', '13805310011', 'a@jinshui.cn', ''],
        ['锦水物业二公司', creditCode(12), '', '', '', ''],
        ['祥顺物业', '91370124MA3C7X2K8N', '吴海涛', '13905310101', '', ''],
      ]),
    );
    expect(firms.status).toBe(201);
    expect(firms.body.problems).toEqual([]);
    expect(firms.body.counts).toEqual({ create: 2, update: 0, unchanged: 1, invalid: 0 });
    expect((await admin.post<AppliedImport>(`/imports/${firms.body.id}/apply`, {})).body.status).toBe(
      'applied',
    );

    const rows: Array<Array<string | number>> = Array.from({ length: 28 }, (_, i) => [
      i % 2 === 0 ? '锦水园社区' : '370124001002',
      `新建小区${i + 1}号`,
      i % 3 === 0 ? '锦水物业一公司' : creditCode(12),
      `锦水街道新建路 ${i + 1} 号`,
      300 + i,
      6,
      2005 + (i % 15),
      i % 4 === 0 ? 0 : 4,
      i % 5 === 0 ? '无' : '有',
      '有',
      '无',
      '有',
      '有',
    ]);
    rows[4]![2] = '不存在物业'; // row 6: a firm that does not exist
    rows[9]![7] = '四部'; // row 11: 电梯数量 in words
    rows[20]![1] = '新建小区1号'; // row 22: repeats row 2 (same community, same name)
    const bytes = await workbook('compounds', rows);
    const checked = await upload(admin, 'compounds', bytes);
    expect(checked.status).toBe(201);
    expect(checked.body.problems.map((p) => `${p.row}:${p.column}:${p.code}`)).toEqual([
      '6:物业企业:firm_missing',
      '11:电梯数量:not_a_count',
      '22:小区名称:duplicate_row',
    ]);
    expect(checked.body.counts).toEqual({ create: 25, update: 0, unchanged: 0, invalid: 3 });
    expect(checked.body.problems[0]!.message.zh).toContain('不存在物业');
    // The dry run wrote nothing, and an apply of a sheet with problems is refused unless asked.
    const before = await admin.get<{ total: number }>('/compounds?q=新建小区');
    expect(before.body.total).toBe(0);
    const refused = await admin.post<{ error: { reasons: Array<{ code: string }> } }>(
      `/imports/${checked.body.id}/apply`,
      {},
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.reasons[0]!.code).toBe('import_has_problems');

    const applied = await admin.post<AppliedImport>(`/imports/${checked.body.id}/apply`, {
      acceptValidRows: true,
    });
    expect(applied.status).toBe(201);
    expect(applied.body.counts).toMatchObject({ create: 25, invalid: 3 });
    expect((await admin.get<{ total: number }>('/compounds?q=新建小区&pageSize=100')).body.total).toBe(25);
    // The same job again answers what it did; the same file again finds every row unchanged.
    expect(
      (await admin.post<AppliedImport>(`/imports/${checked.body.id}/apply`, { acceptValidRows: true })).body
        .counts.create,
    ).toBe(25);
    const again = await upload(admin, 'compounds', bytes);
    expect(again.body.counts).toEqual({ create: 0, update: 0, unchanged: 25, invalid: 3 });
    const reapplied = await admin.post<AppliedImport>(`/imports/${again.body.id}/apply`, {
      acceptValidRows: true,
    });
    expect(reapplied.body.counts).toMatchObject({ create: 0, update: 0, unchanged: 25 });
    expect((await admin.get<{ total: number }>('/compounds?q=新建小区&pageSize=100')).body.total).toBe(25);

    // A compound without lifts has no lift feature, so its lift standards are 不适用.
    const list = await admin.get<{ items: Array<{ name: string; features: string[]; liftCount: number }> }>(
      '/compounds?q=新建小区1号&pageSize=10',
    );
    const first = list.body.items.find((c) => c.name === '新建小区1号')!;
    expect(first.liftCount).toBe(0);
    expect(first.features).not.toContain('lifts');
  });

  it('imports 1,000 compounds in batches whose progress can be read while the apply runs', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [
      ['锦水园社区', '东湖社区', '翠屏社区', '书院社区', '南山社区'][i % 5]!,
      `规模小区${String(i + 1).padStart(4, '0')}`,
      ['祥顺物业', '锦润物业', '恒泰物业'][i % 3]!,
      '',
      200 + (i % 700),
      4 + (i % 20),
      1995 + (i % 30),
      i % 3,
      i % 2 === 0 ? '有' : '无',
      '有',
      i % 4 === 0 ? '有' : '无',
      '有',
      '有',
    ]);
    let started = performance.now();
    const checked = await upload(admin, 'compounds', await workbook('compounds', rows));
    const checkMs = performance.now() - started;
    expect(checked.body.counts).toEqual({ create: 1000, update: 0, unchanged: 0, invalid: 0 });
    started = performance.now();
    const seen: number[] = [];
    let finished = false;
    const polling = (async () => {
      while (!finished) {
        const job = await admin.get<ImportJobView>(`/imports/${checked.body.id}`);
        if (job.body.progress) seen.push(job.body.progress.done);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const applied = await admin.post<AppliedImport>(`/imports/${checked.body.id}/apply`, {});
    finished = true;
    await polling;
    const applyMs = performance.now() - started;
    expect(applied.body.counts.create).toBe(1000);
    expect((await admin.get<{ total: number }>('/compounds?q=规模小区')).body.total).toBe(1000);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((done) => done > 0 && done <= 1000)).toBe(true);
    console.info(
      `import of 1,000 compounds: dry run ${Math.round(checkMs)} ms, apply ${Math.round(applyMs)} ms; progress seen at ${[...new Set(seen)].join(', ')}`,
    );
  });

  it('reads a CSV saved by Excel on Chinese Windows (GB18030) and refuses wrong headers before any row', async () => {
    const header = IMPORT_SHEETS.firms.columns.map((c) => c.header).join(',');
    const text = `${header}\r\n锦水物业三公司,${creditCode(13)},孙经理,13805310013,,\r\n`;
    const gb = await import('node:buffer').then(() => encodeGb18030(text));
    const csv = await upload(admin, 'firms', gb, 'firms.csv');
    expect(csv.status).toBe(201);
    expect(csv.body.problems).toEqual([]);
    expect(csv.body.rows).toEqual([{ row: 2, action: 'create', label: '锦水物业三公司' }]);

    const wrong = await upload(admin, 'compounds', Buffer.from('名称,地址\r\n甲,乙\r\n'), 'x.csv');
    expect(wrong.body.problems.map((p) => `${p.row}:${p.column}:${p.code}`)).toEqual(
      expect.arrayContaining(['1:名称:unknown_column', '1:小区名称:missing_column']),
    );
    const template = await fetch(`${admin.baseUrl}/imports/templates/compounds`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(template.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await template.arrayBuffer());
    const headers = (book.getWorksheet('小区台账')!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('电梯数量*');
    expect(book.getWorksheet('填写说明')).toBeDefined();
  });
});

/** GB18030 bytes of `text`, as Excel on Chinese Windows writes CSV (Node decodes it but cannot encode it). */
function encodeGb18030(text: string): Buffer {
  // Build the reverse table from the decoder for the characters the text needs: every 2-byte code.
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  const needed = new Set([...text].filter((ch) => ch.charCodeAt(0) > 0x7f));
  for (let lead = 0x81; lead <= 0xfe && table.size < needed.size; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (needed.has(ch) && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => table.get(ch) ?? [...Buffer.from(ch, 'utf8')]));
}
