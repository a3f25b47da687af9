// Reads that grow with the page, over HTTP against the demo county (its eight pilots imported the way
// the start command loads them): the pilot page is the first page of its timeline whatever its
// history, the rest comes by cursor, and the long lists page by keyset as well as by number.
import { randomUUID } from 'node:crypto';
import { appendAudit } from '@pilot/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { eventually, type ErrorBody } from '../test-support/pilot-fixtures.js';
import { expectShape } from '../test-support/response-shape.js';
import {
  pilotDetailSchema,
  timelineAuditPageSchema,
  type PilotDetail,
  type TimelineAuditPage,
} from './pilot.dto.js';

/** 玫瑰家园: a demonstration compound, two rounds behind it and 400-odd rectification items. */
const ROSE = 'enr-cmp-meiguijiayuan';
const DETAIL_BUDGET_BYTES = 40 * 1024;

interface Paged<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** Follows `nextCursor` from the first page to the last, collecting every item. */
async function walk<T>(client: ApiClient, path: string, pageSize: number): Promise<T[]> {
  const join = path.includes('?') ? '&' : '?';
  const items: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1_000; pages++) {
    const url: string = `${path}${join}pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await client.get<Paged<T>>(url);
    expect(response.status, `${url} ${JSON.stringify(response.body)}`).toBe(200);
    expect(response.body.items.length).toBeLessThanOrEqual(pageSize);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (cursor === null) return items;
  }
  throw new Error(`${path} did not end`);
}

/** The same list by page number, as the admin UI pages it. */
async function byNumber<T>(client: ApiClient, path: string, pageSize: number): Promise<T[]> {
  const join = path.includes('?') ? '&' : '?';
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const response = await client.get<Paged<T>>(`${path}${join}pageSize=${pageSize}&page=${page}`);
    items.push(...response.body.items);
    if (response.body.items.length < pageSize) return items;
  }
}

const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

describe('the pilot page and the long lists, against the demo pilots', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  let coordinator: ApiClient;
  let firm: ApiClient;
  /** Seqs of the entries this test appended to 玫瑰家园's timeline, newest first. */
  const appended: string[] = [];

  /** Appends an entry the way an activity does: into the pilot's stream, in its own transaction. */
  async function appendToRose(index: number, stream = `enrollment:${ROSE}`): Promise<string> {
    const entry = await api.runtime.deps.prisma.$transaction((tx) =>
      appendAudit(tx, api.runtime.deps.audit.signer, {
        stream,
        actorId: 'usr-insp-zhang',
        actorRole: 'inspector',
        action: 'inspection.submit',
        entityType: 'inspection_task',
        entityId: `${ROSE}:r3-weekly-${String(index).padStart(2, '0')}`,
        // What a real submission records: its findings and the rectification items they opened.
        after: {
          resultId: `res-${index}`,
          score: 88.5,
          failed: ['A-01', 'B-03', 'C-05', 'E-02', 'G-11'],
          rectifications: ['A-01', 'B-03', 'C-05', 'E-02', 'G-11'].map(
            (c) => `${ROSE}:r3-weekly-${index}:${c}`,
          ),
        },
      }),
    );
    return entry.seq.toString();
  }

  /** Pilots the demo's 全面推广 campaign starts on top of the eight. */
  let campaignPilots = 0;

  beforeAll(async () => {
    api = await startApi({ demoPilots: true });
    [admin, coordinator, firm] = await Promise.all([
      api.as('admin.jinshui'),
      api.as('coord.wang'),
      api.as('firm.jinrun'),
    ]);
    // The fresh demo pilots' records are written by their workflows' first activity, and the
    // demo's 全面推广 campaign starts one more pilot per compound it took.
    const prisma = api.runtime.deps.prisma;
    campaignPilots = await prisma.campaignCompound.count();
    await eventually(
      async () => ((await prisma.enrollment.count()) === 8 + campaignPilots ? true : undefined),
      'the eight demo pilots and the campaign’s',
      90_000,
    );
    // Three months of weekly work recorded on top of the imported history.
    for (let i = 1; i <= 65; i++) appended.unshift(await appendToRose(i));
  });
  afterAll(async () => api?.close());

  it('sends a long-running pilot’s first timeline page, under 40 KB', async () => {
    const response = await coordinator.get<PilotDetail>(`/pilots/${ROSE}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.byteLength(JSON.stringify(response.body));
    expect(bytes).toBeLessThan(DETAIL_BUDGET_BYTES);
    expectShape(pilotDetailSchema, response.body);
    const { timeline, openRectifications } = response.body;
    // The history is there (hundreds of items), but not in the page: the lists serve it.
    expect(
      openRectifications +
        (await api.runtime.deps.prisma.rectification.count({
          where: { enrollmentId: ROSE, status: 'closed' },
        })),
    ).toBeGreaterThan(300);
    expect(timeline.rounds.length).toBeGreaterThanOrEqual(2);
    expect(timeline.audit.items.map((entry) => entry.seq)).toEqual(appended.slice(0, 20));
    expect(timeline.audit.items[0]).toMatchObject({
      action: 'inspection.submit',
      actionLabel: { zh: '提交检查结果' },
      actor: { id: 'usr-insp-zhang', displayName: expect.any(String) },
    });
    expect(timeline.audit.nextCursor).toEqual(expect.any(String));
    console.info(`GET /pilots/${ROSE}: ${(bytes / 1024).toFixed(1)} KB`);
  });

  it('gives the rest of the timeline by cursor, each entry once, while entries are added', async () => {
    const first = (await coordinator.get<PilotDetail>(`/pilots/${ROSE}`)).body.timeline.audit;
    const seen = first.items.map((entry) => entry.seq);
    let cursor = first.nextCursor;
    let added = false;
    while (cursor !== null) {
      const page = await coordinator.get<TimelineAuditPage>(
        `/pilots/${ROSE}/timeline?cursor=${cursor}&limit=15`,
      );
      expect(page.status).toBe(200);
      expectShape(timelineAuditPageSchema, page.body);
      seen.push(...page.body.items.map((entry) => entry.seq));
      cursor = page.body.nextCursor;
      // A new entry while paging shows on the next first page, never as a repeat further down.
      if (!added) {
        await appendToRose(99);
        added = true;
      }
    }
    const stream = await api.runtime.deps.prisma.auditLog.findMany({
      where: { stream: `enrollment:${ROSE}` },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    const before = stream.map((row) => row.seq.toString()).slice(1);
    expect(seen).toEqual(before);
    expect(new Set(seen).size).toBe(seen.length);
    // The import's own entry is the oldest.
    const last = await coordinator.get<TimelineAuditPage>(
      `/pilots/${ROSE}/timeline?limit=100&cursor=${first.nextCursor}`,
    );
    expect(last.body.items.at(-1)?.action).toBe('enrollment.import');
  });

  it('merges evidence uploads and entries from before the log had streams into the timeline', async () => {
    const prisma = api.runtime.deps.prisma;
    const evidenceId = `ev-${randomUUID()}`;
    await prisma.evidence.create({
      data: {
        id: evidenceId,
        enrollmentId: ROSE,
        storageKey: `evidence/test/${evidenceId}.jpg`,
        fileName: '消防通道.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        uploadedById: 'usr-firm-xiangshun',
      },
    });
    // The API audits an upload in the file's own stream, as evidence.service does.
    const upload = await prisma.$transaction((tx) =>
      appendAudit(tx, api.runtime.deps.audit.signer, {
        actorId: 'usr-firm-xiangshun',
        actorRole: 'firm',
        action: 'evidence.upload',
        entityType: 'evidence',
        entityId: evidenceId,
      }),
    );
    expect(upload.stream).toBe(`evidence:${evidenceId}`);
    const legacy = await appendToRose(100, 'legacy');
    // Another pilot's entry in the same streams must not show.
    await prisma.$transaction((tx) =>
      appendAudit(tx, api.runtime.deps.audit.signer, {
        stream: 'legacy',
        action: 'task.missed',
        entityType: 'inspection_task',
        entityId: `${ROSE}x:r1-weekly-01`,
      }),
    );
    const page = (await coordinator.get<PilotDetail>(`/pilots/${ROSE}`)).body.timeline.audit.items;
    expect(page.slice(0, 2).map((entry) => entry.seq)).toEqual([legacy, upload.seq.toString()]);
    expect(page[1]).toMatchObject({ action: 'evidence.upload', entityLabel: { zh: '佐证材料' } });
    expect(page.some((entry) => entry.entityId.startsWith(`${ROSE}x`))).toBe(false);
  });

  it('answers a forged cursor with 400 on the field, in the caller’s language, and keeps pilots private', async () => {
    const zh = await coordinator.get<ErrorBody>(`/pilots/${ROSE}/timeline?cursor=eyJzZXEiOiIwIn0`);
    expect(zh.status).toBe(400);
    expect(zh.body.error.issues?.map((issue) => issue.path)).toEqual(['cursor']);
    expect(zh.body.error.issues?.[0]?.message).toContain('「分页游标」');
    const en = await coordinator.get<ErrorBody>(`/pilots/${ROSE}/timeline?cursor=abc`, {
      'accept-language': 'en',
    });
    expect(en.status).toBe(400);
    expect(en.body.error.issues?.[0]?.message).toMatch(/^Cursor/);
    expect((await coordinator.get<ErrorBody>(`/pilots/${ROSE}/timeline?limit=0`)).status).toBe(400);
    // 锦润物业 does not serve 玫瑰家园: its timeline is as unknown as its page.
    expect((await firm.get(`/pilots/${ROSE}/timeline`)).status).toBe(404);
  });

  it('pages the pilot list by cursor in every sort, each pilot once, in page order', async () => {
    for (const sort of ['', 'sortBy=name', 'sortBy=score', 'sortBy=score&sortOrder=desc', 'sortOrder=desc']) {
      const keyset = await walk<{ id: string }>(admin, `/pilots?${sort}`, 3);
      expect(keyset.length, sort).toBe(8 + campaignPilots);
      expect(ids(keyset), sort).toEqual(ids(await byNumber(admin, `/pilots?${sort}`, 3)));
    }
  });

  it('pages rectification items, tasks and the audit log by cursor as by number', async () => {
    const items = await walk<{ id: string }>(admin, `/rectifications?pilotId=${ROSE}`, 100);
    expect(items.length).toBeGreaterThan(300);
    expect(new Set(ids(items)).size).toBe(items.length);
    expect(ids(items)).toEqual(ids(await byNumber(admin, `/rectifications?pilotId=${ROSE}`, 100)));
    const descending = await walk<{ id: string }>(
      admin,
      `/rectifications?pilotId=${ROSE}&sortOrder=desc`,
      100,
    );
    expect(ids(descending)).toEqual(
      ids(await byNumber(admin, `/rectifications?pilotId=${ROSE}&sortOrder=desc`, 100)),
    );

    const tasks = await walk<{ id: string }>(admin, `/tasks?pilotId=${ROSE}&sortOrder=desc`, 7);
    expect(tasks.length).toBeGreaterThan(20);
    expect(ids(tasks)).toEqual(ids(await byNumber(admin, `/tasks?pilotId=${ROSE}&sortOrder=desc`, 7)));

    const audit = await walk<{ seq: string }>(admin, '/audit?entityType=inspection_task', 25);
    expect(audit.length).toBeGreaterThanOrEqual(65);
    const seqs = audit.map((entry) => BigInt(entry.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  });

  it('refuses a cursor that is not one, or belongs to another sort or list, with 400 on the field', async () => {
    const byName = (await admin.get<Paged<unknown>>('/pilots?sortBy=name&pageSize=2')).body.nextCursor!;
    const taskCursor = (await admin.get<Paged<unknown>>('/tasks?pageSize=2')).body.nextCursor!;
    const cases = [
      `/pilots?cursor=${byName}`,
      `/pilots?sortBy=name&sortOrder=desc&cursor=${byName}`,
      `/pilots?cursor=${taskCursor}`,
      `/tasks?sortOrder=desc&cursor=${taskCursor}`,
      `/rectifications?cursor=${byName}`,
      `/audit?cursor=${taskCursor}`,
      '/audit?cursor=!!!',
      `/tasks?cursor=${'A'.repeat(700)}`,
    ];
    for (const path of cases) {
      const response = await admin.get<ErrorBody>(path);
      expect(response.status, path).toBe(400);
      expect(
        response.body.error.issues?.map((issue) => issue.path),
        path,
      ).toEqual(['cursor']);
      expect(response.body.error.issues?.[0]?.message, path).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await admin.get(`/pilots?sortBy=name&cursor=${byName}`)).status).toBe(200);
  });
});
