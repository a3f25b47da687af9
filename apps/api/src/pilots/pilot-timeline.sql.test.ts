// The pilot timeline's audit query as the planner runs it, on a log of 31,000 entries in 300 pilots'
// streams and a legacy stream: the pilot's page comes from the (stream, seq) index, read backwards
// and stopped after the page, with no scan of the log — where the old `entityId LIKE 'enr-…:%'`
// condition (which no index serves under the database's collation) read every entry.
import {
  deployMigrationsForTest,
  openDatabase,
  Prisma,
  testTargets,
  type Database,
  type ScratchDatabase,
} from '@pilot/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timelineAuditSql } from './pilot.repository.js';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const PILOTS = 300;
const ENTRIES = 30_000;
const LEGACY = 1_000;

describe.each(testTargets())('the timeline audit query on $name', ({ create }) => {
  let scratch: ScratchDatabase;
  let db: Database;

  async function explain(query: Prisma.Sql): Promise<{ plan: PlanNode; ms: number }> {
    const [row] = await db.prisma.$queryRaw<Array<{ 'QUERY PLAN': unknown }>>(
      Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`,
    );
    // EXPLAIN's JSON arrives parsed or as text depending on the driver.
    const raw = row?.['QUERY PLAN'];
    const [result] = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
      Plan: PlanNode;
      'Execution Time': number;
    }>;
    return { plan: result!.Plan, ms: result!['Execution Time'] };
  }

  beforeAll(async () => {
    scratch = await create();
    await deployMigrationsForTest(scratch.target);
    db = await openDatabase(scratch.target);
    // Entries as the workflows write them: each pilot's in its own stream, its ids prefixed by it.
    await db.prisma.$executeRaw`
      INSERT INTO audit_log (stream, "streamSeq", at, "actorRole", action, "entityType", "entityId",
                             "prevHash", hash, "keyId")
      SELECT 'enrollment:enr-' || (i % ${PILOTS}), i / ${PILOTS} + 1, now() - i * interval '1 minute',
             'system', 'task.missed', 'inspection_task', 'enr-' || (i % ${PILOTS}) || ':r1-weekly-' || i,
             repeat('0', 64), md5('entry' || i) || md5('more' || i), 'test'
      FROM generate_series(1, ${ENTRIES}) AS i`;
    await db.prisma.$executeRaw`
      INSERT INTO audit_log (stream, "streamSeq", at, "actorRole", action, "entityType", "entityId",
                             "prevHash", hash, "keyId")
      SELECT 'legacy', i, now() - (${ENTRIES} + i) * interval '1 minute',
             'system', 'task.missed', 'inspection_task', 'enr-' || (i % ${PILOTS}) || ':r0-weekly-' || i,
             repeat('0', 64), md5('legacy' || i) || md5('old' || i), 'sha256'
      FROM generate_series(1, ${LEGACY}) AS i`;
    await db.prisma.$executeRawUnsafe('ANALYZE audit_log');
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  const pilot = { id: 'enr-7', compoundId: 'cmp-7' };

  it('reads the first page from the stream index, backwards, and no more rows than the page', async () => {
    const { plan, ms } = await explain(timelineAuditSql(pilot, null, 21));
    const scans = nodes(plan).filter((node) => node['Relation Name'] === 'audit_log');
    expect(scans.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    const own = scans.find((node) => node['Index Name'] === 'audit_log_stream_seq_idx');
    expect(own).toMatchObject({ 'Node Type': 'Index Scan', 'Scan Direction': 'Backward' });
    expect(own!['Actual Rows']).toBeLessThanOrEqual(21);
    console.info(
      `timeline page: ${scans.map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`).join(', ')} (${ms} ms)`,
    );
  });

  it('continues from a cursor the same way', async () => {
    const [middle] = await db.prisma.$queryRaw<Array<{ seq: bigint }>>`
      SELECT seq FROM audit_log WHERE stream = 'enrollment:enr-7' ORDER BY seq DESC OFFSET 50 LIMIT 1`;
    const { plan } = await explain(timelineAuditSql(pilot, middle!.seq, 21));
    const scans = nodes(plan).filter((node) => node['Relation Name'] === 'audit_log');
    expect(scans.map((node) => node['Node Type'])).not.toContain('Seq Scan');
    expect(scans.find((node) => node['Index Name'] === 'audit_log_stream_seq_idx')).toMatchObject({
      'Scan Direction': 'Backward',
    });
    const rows = await db.prisma.$queryRaw<Array<{ seq: bigint }>>(timelineAuditSql(pilot, middle!.seq, 21));
    expect(rows).toHaveLength(21);
    expect(rows.every((row) => row.seq < middle!.seq)).toBe(true);
  });

  it('where the query it replaces scanned the whole log (but where LIKE has an index to use)', async () => {
    const { plan, ms } = await explain(Prisma.sql`
      SELECT * FROM audit_log
      WHERE ("entityType" = 'enrollment' AND "entityId" = ${pilot.id}) OR "entityId" LIKE ${`${pilot.id}:%`}
      ORDER BY seq DESC LIMIT 500`);
    const scans = nodes(plan).filter((node) => node['Relation Name'] === 'audit_log');
    console.info(`old timeline query: ${scans.map((n) => n['Node Type']).join(', ')} (${ms} ms)`);
    // Under the C collation (PGlite's) LIKE 'x%' is a range on the index; any other needs a scan.
    const [{ collation } = { collation: '' }] = await db.prisma.$queryRaw<Array<{ collation: string }>>`
      SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()`;
    if (!['C', 'POSIX'].includes(collation)) {
      expect(scans.map((node) => node['Node Type'])).toContain('Seq Scan');
    }
  });
});
