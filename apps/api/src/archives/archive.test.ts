import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { createPilotRecords, downloadFile } from '../test-support/report-fixtures.js';
import type { ArchivePage, ArchiveSummary } from './archive.dto.js';

const document = JSON.stringify({
  archive: { id: 'arc-meigui-r1', title: '玫瑰家园 第1轮档案', compound: '玫瑰家园', firm: '祥顺物业' },
  index: [{ name: 'tasks', title: '检查任务台账', count: 1 }],
  tasks: [{ id: 'enr-arc-meigui:r1-weekly-01' }],
});
const bytes = new TextEncoder().encode(document);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('archives over HTTP', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    const { prisma, storage } = api.runtime.deps;
    for (const [pilot, compoundId, firmId, inspectorId] of [
      ['enr-arc-meigui', 'cmp-meiguijiayuan', 'firm-xiangshun', 'usr-insp-zhang'],
      ['enr-arc-jingui', 'cmp-jinguiyuan', 'firm-jinrun', 'usr-insp-li'],
    ] as const) {
      await createPilotRecords(prisma, {
        id: pilot,
        compoundId,
        firmId,
        stage: 'consolidation',
        phase: 'archiving',
        inspectorId,
        rounds: [{ number: 1, score: 81, stars: 4, categoryScores: [] }],
      });
      const storageKey = `archives/${pilot}/r1.json`;
      await storage.put(storageKey, bytes);
      await prisma.archive.create({
        data: {
          id: `arc-${pilot.slice(8)}-r1`,
          enrollmentId: pilot,
          roundId: `${pilot}:r1`,
          storageKey,
          contentHash: sha256(bytes),
          index: [{ name: 'tasks', title: '检查任务台账', count: 1 }],
          itemCount: 1,
          createdAt: new Date(),
        },
      });
    }
    coordinator = await api.as('coord.wang');
  });
  afterAll(async () => api?.close());

  it('lists archives within the caller scope', async () => {
    const all = await coordinator.get<ArchivePage>('/archives');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    const firm = await api.as('firm.xiangshun');
    const own = await firm.get<ArchivePage>('/archives');
    expect(own.body.items.map((a) => a.id)).toEqual(['arc-meigui-r1']);
    expect(own.body.items[0]).toMatchObject({
      pilotId: 'enr-arc-meigui',
      compound: { name: '玫瑰家园' },
      firm: { name: '祥顺物业' },
      round: { number: 1, score: 81, starRating: 4 },
      contentHash: sha256(bytes),
      index: [{ name: 'tasks', title: '检查任务台账', count: 1 }],
    });
    // Another firm's archive does not exist for this firm.
    expect((await firm.get('/archives/arc-jingui-r1')).status).toBe(404);
    expect((await downloadFile(firm, '/archives/arc-jingui-r1/download')).status).toBe(404);
    const inspector = await api.as('insp.li');
    expect((await inspector.get<ArchivePage>('/archives')).body.items.map((a) => a.id)).toEqual([
      'arc-jingui-r1',
    ]);
    expect((await coordinator.get<ArchivePage>('/archives?compoundId=cmp-jinguiyuan')).body.total).toBe(1);
    expect((await coordinator.get<ArchiveSummary>('/archives/arc-meigui-r1')).status).toBe(200);
    const resident = await api.as('resident.han');
    expect((await resident.get('/archives')).status).toBe(403);
  });

  it('serves the stored document byte for byte when its hash matches', async () => {
    const file = await downloadFile(coordinator, '/archives/arc-meigui-r1/download');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(file.headers.get('x-content-sha256')).toBe(sha256(bytes));
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      '玫瑰家园-第1轮档案.json',
    );
    expect(sha256(file.bytes)).toBe(sha256(bytes));
    expect(JSON.parse(new TextDecoder().decode(file.bytes))).toMatchObject({
      archive: { compound: '玫瑰家园' },
    });
  });

  it('refuses a tampered or missing file with 409 instead of serving it', async () => {
    const tampered = document.replace('"count":1', '"count":0');
    await api.runtime.deps.storage.put('archives/enr-arc-jingui/r1.json', new TextEncoder().encode(tampered));
    const refused = await downloadFile(coordinator, '/archives/arc-jingui-r1/download');
    expect(refused.status).toBe(409);
    const body = JSON.parse(new TextDecoder().decode(refused.bytes)) as {
      error: { code: string; message: string; reasons: Array<{ code: string }> };
    };
    expect(body.error.code).toBe('refused');
    expect(body.error.reasons.map((r) => r.code)).toEqual(['archive_tampered']);
    expect(body.error.message).toContain('篡改');

    await api.runtime.deps.prisma.archive.update({
      where: { id: 'arc-jingui-r1' },
      data: { storageKey: 'archives/enr-arc-jingui/gone.json' },
    });
    const missing = await downloadFile(coordinator, '/archives/arc-jingui-r1/download');
    expect(missing.status).toBe(409);
    expect(new TextDecoder().decode(missing.bytes)).toContain('archive_file_missing');
  });
});
