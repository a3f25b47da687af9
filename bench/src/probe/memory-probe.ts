// In the worker: on the probe signal, what its main thread's memory consists of — V8's heap (used,
// total, contexts) and memory outside it (buffers) — so the bench can tell whether the resident
// memory of live pilots grows there. Workflows run in a thread of their own, which this cannot see.
import { writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { outputFile, PROBE_SIGNAL, stateFile } from './files.js';

export interface MemoryReport {
  rssMiB: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  arrayBuffersMiB: number;
  nativeContexts: number;
  detachedContexts: number;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function installMemoryProbe(dir: string): void {
  let session = 0;
  process.on(PROBE_SIGNAL, () => {
    session++;
    const usage = process.memoryUsage();
    const heap = getHeapStatistics();
    const report: MemoryReport = {
      rssMiB: mib(usage.rss),
      heapUsedMiB: mib(usage.heapUsed),
      heapTotalMiB: mib(usage.heapTotal),
      externalMiB: mib(usage.external),
      arrayBuffersMiB: mib(usage.arrayBuffers),
      nativeContexts: heap.number_of_native_contexts,
      detachedContexts: heap.number_of_detached_contexts,
    };
    writeFileSync(outputFile(dir, process.pid, session), JSON.stringify(report));
    writeFileSync(stateFile(dir, process.pid), `done ${session}`);
  });
}
