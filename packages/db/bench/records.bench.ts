// The hot write path of the platform: one submitted inspection (result, 35 items, audit entry) in a
// transaction, against a baseline of a single-row insert on the same database in the same run. Runs
// on PGlite always and on PostgreSQL when TEST_DATABASE_URL is set.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, bench, describe } from 'vitest';
import { appendAudit, createAuditSigner } from '../src/audit/index.js';
import { openDatabase, type Database } from '../src/client.js';
import { deployMigrations } from '../src/migrate.js';
import { testTargets, type ScratchDatabase } from '../src/scratch.js';
import { seedDemoData } from '../src/seed/index.js';

const codes = Array.from({ length: 35 }, (_, i) => `A-${String(i + 1).padStart(2, '0')}`);

interface Prepared {
  name: string;
  scratch: ScratchDatabase;
  db: Database;
  taskIds: string[];
}

/** A migrated, seeded database with an enrollment and enough open tasks to record against. */
async function prepare(name: string, create: () => Promise<ScratchDatabase>): Promise<Prepared> {
  const scratch = await create();
  await deployMigrations(scratch.target);
  await seedDemoData(scratch.target);
  const db = await openDatabase(scratch.target);
  const enrollmentId = 'bench-enrollment';
  await db.prisma.enrollment.create({
    data: {
      id: enrollmentId,
      workflowId: 'pilot:bench',
      compoundId: 'cmp-meiguijiayuan',
      firmId: 'firm-xiangshun',
      catalogueVersionId: '2024.1',
      stage: 'improvement',
      phase: 'improvement_round',
      startDate: new Date(),
      plan: {},
    },
  });
  const taskIds = Array.from({ length: 5_000 }, (_, i) => `bench-task-${i}`);
  await db.prisma.inspectionTask.createMany({
    data: taskIds.map((id, i) => ({
      id,
      enrollmentId,
      key: `k-${i}`,
      kind: 'weekly' as const,
      opensAt: new Date(),
      dueAt: new Date(),
    })),
  });
  return { name, scratch, db, taskIds };
}

const signer = createAuditSigner(randomBytes(32), 'bench');

// Vitest's bench runner does not await beforeAll hooks before timing, so set-up happens up front.
const prepared = await Promise.all(testTargets().map(({ name, create }) => prepare(name, create)));

afterAll(async () => {
  for (const p of prepared) {
    await p.db.close();
    await p.scratch.drop();
  }
});

for (const { name, db, taskIds } of prepared) {
  let next = 0;
  describe(`record one inspection on ${name}`, () => {
    bench('baseline: insert one row', async () => {
      await db.prisma.engineProbe.create({ data: { id: randomUUID(), note: 'bench' } });
    });

    bench('result + 35 items + audit entry in one transaction', async () => {
      const taskId = taskIds[next++ % taskIds.length]!;
      await db.prisma.$transaction(async (tx) => {
        await tx.inspectionResult.create({
          data: {
            id: `${taskId}:result`,
            taskId,
            enrollmentId: 'bench-enrollment',
            submittedById: 'usr-insp-zhang',
            catalogueVersionId: '2024.1',
            score: 92.5,
            complianceRate: 0.94,
            categoryScores: [],
            submittedAt: new Date(),
            items: {
              createMany: { data: codes.map((code) => ({ standardCode: code, outcome: 'pass' as const })) },
            },
          },
        });
        await appendAudit(tx, signer, {
          stream: 'enrollment:bench-enrollment',
          action: 'inspection.submit',
          entityType: 'inspection_task',
          entityId: taskId,
        });
      });
    });
  });
}
