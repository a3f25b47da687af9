// One audit writer process of P6: audited writes the way the activities make them — a record and
// its audit entry in one transaction, appended to the writer's own streams — one transaction at a
// time, from a start instant common to all writers for a fixed time; then it prints how many it wrote.
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { appendAudit, createAuditSigner, openDatabase } from '@pilot/db';

const STREAMS_PER_WRITER = 16;
const WARM_UP = 20;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

/** The common start instant, which the bench writes once every writer is ready. */
async function startInstant(file: string): Promise<number> {
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const at = Number(text.trim());
    if (text.trim() && Number.isFinite(at)) return at;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const url = required('BENCH_DB_URL');
  const writer = required('BENCH_WRITER');
  const startFile = required('BENCH_START_FILE');
  const durationMs = Number(required('BENCH_DURATION_MS'));
  const db = await openDatabase({ kind: 'postgres', url }, { asRuntime: true, poolSize: 2 });
  const signer = createAuditSigner(randomBytes(32), 'bench');
  let written = 0;
  const write = async () => {
    const entityId = randomUUID();
    await db.prisma.$transaction(async (tx) => {
      await tx.engineProbe.create({ data: { id: entityId, note: `bench writer ${writer}` } });
      await appendAudit(tx, signer, {
        stream: `bench:${writer}:${written % STREAMS_PER_WRITER}`,
        actorId: null,
        actorRole: 'system',
        action: 'bench.write',
        entityType: 'engine_probe',
        entityId,
        after: { writer, n: written },
      });
    });
    written++;
  };
  try {
    for (let i = 0; i < WARM_UP; i++) await write();
    written = 0;
    console.log('writer ready');
    const startAt = await startInstant(startFile);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
    const until = startAt + durationMs;
    const cpu = process.cpuUsage();
    while (Date.now() < until) await write();
    const elapsedMs = Date.now() - startAt;
    const used = process.cpuUsage(cpu);
    console.log(JSON.stringify({ writer, written, elapsedMs, cpuMs: (used.user + used.system) / 1000 }));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
