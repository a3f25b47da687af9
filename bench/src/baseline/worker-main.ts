// The baseline worker, a process of its own like the pilot worker: it runs only the trivial
// workflows of baseline/workflows.ts (or, for the memory diagnostic, domain-workflows.ts) on a
// task queue of its own.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  const address = process.env['BENCH_TEMPORAL_ADDRESS'];
  const taskQueue = process.env['BENCH_TASK_QUEUE'];
  const namespace = process.env['BENCH_NAMESPACE'] ?? 'default';
  const workflows = process.env['BENCH_WORKFLOWS'] ?? 'workflows.js';
  if (!address || !taskQueue) throw new Error('BENCH_TEMPORAL_ADDRESS and BENCH_TASK_QUEUE are required');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL(`./${workflows}`, import.meta.url)),
  });
  console.log(`baseline worker polling ${taskQueue}`);
  // Worker.run() drains and resolves on SIGTERM.
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
