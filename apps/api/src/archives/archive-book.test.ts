import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { seedDemoDatabaseForTest, testTargets, type ScratchDatabase } from '@pilot/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCjkFonts } from '../printing/cjk-font.js';
import { BOOK_SECTIONS } from '../printing/file-book.js';
import { createArchivedRound, type ArchivedRound } from '../test-support/archive-fixtures.js';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { pdfImageCountOfFile, pdfInfo, pdfInfoOfFile, pdfText } from '../test-support/pdf-tools.js';
import { createPilotRecords, downloadFile } from '../test-support/report-fixtures.js';

/** Memory after a full collection (the flag is set at run time, so no test runner option is needed). */
function liveMemory(): () => { rss: number; heap: number; buffers: number } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    gc();
    const now = process.memoryUsage();
    return { rss: now.rss, heap: now.heapUsed, buffers: now.arrayBuffers };
  };
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A download hashed as it arrives, so a book of hundreds of photos never sits in this process's memory. */
async function hashedDownload(client: ApiClient, url: string) {
  const response = await fetch(`${client.baseUrl}${url}`, {
    headers: { authorization: `Bearer ${client.token ?? ''}` },
  });
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { status: response.status, headers: response.headers, sha256: hash.digest('hex'), bytes };
}

describe.each(testTargets())('档案册: the file book of an archived round, on $name', ({ name, create }) => {
  let api: ApiHarness;
  let scratch: ScratchDatabase | undefined;
  let files: string;
  let coordinator: ApiClient;
  let meigui: ArchivedRound;
  let jingui: ArchivedRound;

  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'pilot-book-'));
    let databaseUrl: string | undefined;
    if (name === 'postgres') {
      scratch = await create();
      if (scratch.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
      await seedDemoDatabaseForTest(scratch.target, { demoPasswords: 'keep' });
      databaseUrl = scratch.target.url;
    }
    api = await startApi({ ...(databaseUrl ? { databaseUrl } : {}), env: { PILOT_STORAGE_DIR: files } });
    const { prisma, storage, audit } = api.runtime.deps;
    const deps = { prisma, storage, signer: audit.signer };
    meigui = await createArchivedRound(deps, {
      pilotId: 'enr-book-meigui',
      compoundId: 'cmp-meiguijiayuan',
      firmId: 'firm-xiangshun',
      inspectorId: 'usr-insp-zhang',
      firmUserId: 'usr-firm-xiangshun',
      inspections: 4,
      itemsPerInspection: 12,
      photos: 9,
      photoBytes: 30_000,
    });
    jingui = await createArchivedRound(deps, {
      pilotId: 'enr-book-jingui',
      compoundId: 'cmp-jinguiyuan',
      firmId: 'firm-jinrun',
      inspectorId: 'usr-insp-li',
      firmUserId: 'usr-insp-li',
      inspections: 1,
      itemsPerInspection: 6,
      photos: 1,
      photoBytes: 10_000,
    });
    coordinator = await api.as('coord.wang');
  });
  afterAll(async () => {
    await api?.close();
    await scratch?.drop();
    await rm(files, { recursive: true, force: true });
  });

  it('prints cover, contents, summary, every inspection item, the ledger and the signature page', async () => {
    const file = await downloadFile(coordinator, `/archives/${meigui.archiveId}/book.pdf`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(file.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      '玫瑰家园-第1轮档案册.pdf',
    );
    const text = await pdfText(file.bytes);
    // pdftotext drops the spacing of spaced-out titles (档 案 册).
    const flat = text.replace(/\s+/g, '');
    for (const heading of ['档案册', '目录', ...BOOK_SECTIONS.map((s) => s.title)]) {
      expect(flat).toContain(heading);
    }
    expect(text).toContain('玫瑰家园');
    expect(text).toContain('祥顺物业');
    expect(text).toContain('第1轮');
    expect(text).toContain('四星');
    expect(text).toContain('88.0%');
    for (const code of meigui.itemCodes) expect(text).toContain(code);
    // The ledger: both items, the closed one with its answer, verification and 销号 date.
    expect(text).toContain(meigui.closedRectificationId);
    expect(text).toContain(meigui.openRectificationId);
    expect(text).toContain('已增配值班人员，排班表上墙');
    expect(text).toContain('核验通过');
    expect(text).toContain('已销号');
    for (const line of ['检查人（签字）', '物业企业负责人（签字）', '街道审核（签字）', '（盖章）']) {
      expect(text).toContain(line);
    }
    // The cover ties the book to the JSON archive it was made from.
    const archive = await api.runtime.deps.prisma.archive.findUniqueOrThrow({
      where: { id: meigui.archiveId },
    });
    expect(flat).toContain(archive.contentHash);
    const info = await pdfInfo(file.bytes);
    expect(info['Title']).toBe('玫瑰家园 第1轮档案册');
    expect(Number(info['Pages'])).toBeGreaterThanOrEqual(8);
    // The footer's total agrees with the file's own page count (the counting pass was right).
    expect(text).toContain(`共 ${info['Pages']} 页`);
  });

  it('stores the book once with the sha256 of the bytes it serves, and serves those bytes again', async () => {
    const archive = await api.runtime.deps.prisma.archive.findUniqueOrThrow({
      where: { id: meigui.archiveId },
    });
    expect(archive.bookStorageKey).toMatch(/^archives\/enr-book-meigui\/.+-book-.+\.pdf$/);
    const first = await downloadFile(coordinator, `/archives/${meigui.archiveId}/book.pdf`);
    const second = await downloadFile(
      await api.as('firm.xiangshun'),
      `/archives/${meigui.archiveId}/book.pdf`,
    );
    expect(sha256(first.bytes)).toBe(archive.bookHash);
    expect(sha256(second.bytes)).toBe(archive.bookHash);
    expect(first.bytes.byteLength).toBe(archive.bookBytes);
    expect(first.headers.get('x-content-sha256')).toBe(archive.bookHash);
    const after = await api.runtime.deps.prisma.archive.findUniqueOrThrow({
      where: { id: meigui.archiveId },
    });
    expect(after.bookStorageKey).toBe(archive.bookStorageKey);
    expect(
      await api.runtime.deps.prisma.auditLog.count({
        where: { entityId: meigui.archiveId, action: 'archive.book' },
      }),
    ).toBe(1);
  });

  it('makes the same bytes when made again from the same archive (so the moment of making does not matter)', async () => {
    const { prisma } = api.runtime.deps;
    const made = await prisma.archive.findUniqueOrThrow({ where: { id: meigui.archiveId } });
    // As if the book had never been made: the next download makes it anew.
    await prisma.archive.update({
      where: { id: meigui.archiveId },
      data: { bookStorageKey: null, bookHash: null, bookBytes: null },
    });
    const again = await downloadFile(coordinator, `/archives/${meigui.archiveId}/book.pdf`);
    expect(again.status).toBe(200);
    const remade = await prisma.archive.findUniqueOrThrow({ where: { id: meigui.archiveId } });
    expect(remade.bookStorageKey).not.toBe(made.bookStorageKey);
    expect(remade.bookHash).toBe(made.bookHash);
    expect(sha256(again.bytes)).toBe(made.bookHash);
  });

  it('makes one book when several people ask for it at once', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => downloadFile(coordinator, `/archives/${jingui.archiveId}/book.pdf`)),
    );
    const archive = await api.runtime.deps.prisma.archive.findUniqueOrThrow({
      where: { id: jingui.archiveId },
    });
    for (const result of results) {
      expect(result.status).toBe(200);
      expect(sha256(result.bytes)).toBe(archive.bookHash);
    }
    expect(
      await api.runtime.deps.prisma.auditLog.count({
        where: { entityId: jingui.archiveId, action: 'archive.book' },
      }),
    ).toBe(1);
  });

  it('makes the book of a paper-era round (imported) from its outcome, saying the records are on paper', async () => {
    const { prisma, storage } = api.runtime.deps;
    await createPilotRecords(prisma, {
      id: 'enr-book-paper',
      compoundId: 'cmp-lijingyuan',
      firmId: 'firm-xiangshun',
      stage: 'consolidation',
      phase: 'consolidation_round',
      inspectorId: 'usr-insp-zhang',
      rounds: [{ number: 1, score: 78.5, stars: 3, categoryScores: [{ category: 'E', score: 66 }] }],
    });
    // The document the worker's import of paper-era pilots writes.
    const bytes = new TextEncoder().encode(
      JSON.stringify({
        imported: true,
        round: { id: 'enr-book-paper:r1' },
        note: '本轮为系统上线前的纸质检查记录，按总体评估结果导入。',
      }),
    );
    await storage.put('archives/enr-book-paper/r1.json', bytes);
    await prisma.archive.create({
      data: {
        id: 'arc-book-paper',
        enrollmentId: 'enr-book-paper',
        roundId: 'enr-book-paper:r1',
        storageKey: 'archives/enr-book-paper/r1.json',
        contentHash: sha256(bytes),
        index: [],
        itemCount: 0,
        createdAt: new Date(),
      },
    });
    const file = await downloadFile(coordinator, '/archives/arc-book-paper/book.pdf');
    expect(file.status).toBe(200);
    const text = (await pdfText(file.bytes)).replace(/\s+/g, '');
    expect(text).toContain('丽景苑');
    expect(text).toContain('本轮为系统上线前的纸质检查记录，按总体评估结果导入。');
    expect(text).toContain('三星');
    expect(text).toContain('街道审核（签字）');
  });

  it('gives a firm only its own compounds’ books and a resident none', async () => {
    const firm = await api.as('firm.xiangshun');
    expect((await downloadFile(firm, `/archives/${jingui.archiveId}/book.pdf`)).status).toBe(404);
    expect((await downloadFile(firm, `/archives/${meigui.archiveId}/book.pdf`)).status).toBe(200);
    const other = await api.as('insp.li');
    expect((await downloadFile(other, `/archives/${meigui.archiveId}/book.pdf`)).status).toBe(404);
    expect(
      (await downloadFile(await api.as('resident.han'), `/archives/${meigui.archiveId}/book.pdf`)).status,
    ).toBe(403);
    expect((await downloadFile(api.anonymous, `/archives/${meigui.archiveId}/book.pdf`)).status).toBe(401);
    expect((await downloadFile(coordinator, '/archives/arc-nothing/book.pdf')).status).toBe(404);
  });

  it('refuses a stored book that no longer matches its hash with 409 instead of serving it', async () => {
    const { prisma, storage } = api.runtime.deps;
    const archive = await prisma.archive.findUniqueOrThrow({ where: { id: jingui.archiveId } });
    const original = await storage.get(archive.bookStorageKey!);
    const altered = Uint8Array.from(original);
    const at = altered.length - 20;
    altered[at] = (altered[at] ?? 0) ^ 0x01;
    await storage.put(archive.bookStorageKey!, altered);
    const refused = await downloadFile(coordinator, `/archives/${jingui.archiveId}/book.pdf`);
    expect(refused.status).toBe(409);
    const body = JSON.parse(new TextDecoder().decode(refused.bytes)) as {
      error: { message: string; reasons: Array<{ code: string }> };
    };
    expect(body.error.reasons.map((r) => r.code)).toEqual(['archive_book_tampered']);
    expect(body.error.message).toContain('篡改');
    await storage.put(archive.bookStorageKey!, original);
    expect((await downloadFile(coordinator, `/archives/${jingui.archiveId}/book.pdf`)).status).toBe(200);
  });

  // The engine under the records does not change how a book streams; once is enough.
  it.runIf(name === 'pglite')(
    'streams a round of 500 photos within a bounded memory growth (measured)',
    async () => {
      const { prisma, storage, audit } = api.runtime.deps;
      const big = await createArchivedRound(
        { prisma, storage, signer: audit.signer },
        {
          pilotId: 'enr-book-big',
          compoundId: 'cmp-jinshuihuayuan',
          firmId: 'firm-xiangshun',
          inspectorId: 'usr-insp-zhang',
          firmUserId: 'usr-firm-xiangshun',
          inspections: 13,
          itemsPerInspection: 35,
          photos: 500,
          photoBytes: 200_000,
        },
      );
      // Live memory, not garbage: a full collection before each sample (V8 lets garbage pile up
      // between collections, so an unforced peak says more about the collector than about the book).
      // The fonts are read once per process (about 40 MB), whatever the book: not part of the growth.
      await loadCjkFonts();
      const collect = liveMemory();
      const before = collect();
      let peak = before;
      const sampler = setInterval(() => {
        const now = collect();
        peak = {
          rss: Math.max(peak.rss, now.rss),
          heap: Math.max(peak.heap, now.heap),
          buffers: Math.max(peak.buffers, now.buffers),
        };
      }, 1000);
      const started = Date.now();
      const served = await hashedDownload(coordinator, `/archives/${big.archiveId}/book.pdf`);
      const seconds = (Date.now() - started) / 1000;
      clearInterval(sampler);
      expect(served.status).toBe(200);
      const archive = await prisma.archive.findUniqueOrThrow({ where: { id: big.archiveId } });
      expect(served.sha256).toBe(archive.bookHash);
      expect(served.bytes).toBe(archive.bookBytes);

      const file = path.join(files, ...archive.bookStorageKey!.split('/'));
      expect(await pdfImageCountOfFile(file)).toBe(501);
      const pages = Number((await pdfInfoOfFile(file))['Pages']);
      const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
      const growth = {
        rss: mib(peak.rss - before.rss),
        heap: mib(peak.heap - before.heap),
        buffers: mib(peak.buffers - before.buffers),
      };
      console.log(
        `file book, 500 photos (${mib(big.photoBytes)} MiB of photos): ${pages} pages, ${mib(served.bytes)} MiB, ` +
          `${seconds.toFixed(1)} s to make and serve; peak growth RSS ${growth.rss} MiB, heap ${growth.heap} MiB, ` +
          `buffers ${growth.buffers} MiB`,
      );
      // The book carries every photo's bytes, yet memory grows by a fraction of them: nothing holds
      // the whole book or all the photos at once.
      expect(served.bytes).toBeGreaterThan(big.photoBytes);
      expect(growth.heap + growth.buffers).toBeLessThan(mib(big.photoBytes) / 2);
      expect(growth.rss).toBeLessThan(mib(big.photoBytes));
    },
  );
});
