// CPU the shape's own processes spend on a piece of work: read from /proc before and after, so a
// scenario can say where the time of its slower path goes (worker, API or Temporal server).
import { cpuSeconds } from '../util/proc.js';
import type { BenchContext } from './context.js';

export const METERED = ['worker', 'api', 'temporal'] as const;
export type Metered = (typeof METERED)[number];
export type CpuTotals = Record<Metered, number>;

async function snapshot(ctx: BenchContext): Promise<CpuTotals> {
  const pid = (service: string) => {
    const found = ctx.bench.shape.pid(service);
    if (found === undefined) throw new Error(`${service} is not running`);
    return found;
  };
  const [worker, api, temporal] = await Promise.all([
    cpuSeconds(ctx.workerPid()),
    cpuSeconds(pid('api')),
    cpuSeconds(pid('temporal')),
  ]);
  return { worker, api, temporal };
}

/** Adds up CPU seconds over the pieces of work it is wrapped around. */
export class CpuMeter {
  private readonly totals: CpuTotals = { worker: 0, api: 0, temporal: 0 };

  constructor(private readonly ctx: BenchContext) {}

  async around<T>(work: () => Promise<T>): Promise<T> {
    const before = await snapshot(this.ctx);
    const result = await work();
    const after = await snapshot(this.ctx);
    for (const name of METERED) this.totals[name] += after[name] - before[name];
    return result;
  }

  /** Milliseconds of CPU per unit of work, by process, for the results file under `prefix`. */
  perUnit(prefix: string, units: number): Record<string, number> {
    return Object.fromEntries(
      METERED.map((name) => [
        `${prefix}_${name}_cpu_ms`,
        Math.round((this.totals[name] * 1000 * 10) / units) / 10,
      ]),
    );
  }
}
