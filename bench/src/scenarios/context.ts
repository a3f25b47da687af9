// What the scenarios on the production shape share: the shape, logged-in clients of the demo
// users, a Temporal client, the records' database as its owner, the baseline worker, and the
// pilots earlier scenarios left for later ones.
import { DEMO_PASSWORD } from '@pilot/db';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { startBaselineWorker } from '../baseline/baseline-worker.js';
import { logIn, type ApiClient } from '../shape/api-client.js';
import type { BenchShape } from '../shape/bench-shape.js';
import { createCompounds, type BenchCompound } from '../shape/compounds.js';
import type { Sizes } from '../sizes.js';
import type { NodeChild } from '../util/child.js';
import { rssMiB } from '../util/proc.js';

export interface BenchContext {
  bench: BenchShape;
  sizes: Sizes;
  say: (message: string) => void;
  temporal: Client;
  coordinator: ApiClient;
  firm: ApiClient;
  /** The records' database as its owner (set-up and checks, never timed as the API's work). */
  owner: pg.Pool;
  baselineWorker: NodeChild;
  /** Pilots on the idle plan whose self-inspection is open and not yet submitted (enrollment ids). */
  openSelfInspections: string[];
  /** The worker's resident memory before any pilot ran (MiB). */
  workerRssAtStartMiB: number;
  /** Measured by P1; P5 plans its wake burst with it. */
  enrollPerSecond?: number;
  /** Measured by P3; P5 compares its burst submissions with it. */
  idleSubmitP50Ms?: number;
  /** The pilot P2 ran to its end; P4 reads its detail. */
  fullPilotId?: string;
  /** Compounds not yet enrolled, made on demand. */
  takeCompounds(count: number): Promise<BenchCompound[]>;
  /** The worker process every pilot runs on (the first of the shape's workers). */
  workerPid(): number;
  close(): Promise<void>;
}

export async function openContext(
  bench: BenchShape,
  sizes: Sizes,
  say: (message: string) => void,
): Promise<BenchContext> {
  const { shape } = bench;
  const connection = await Connection.connect({ address: shape.temporalAddress });
  const temporal = new Client({ connection, namespace: shape.namespace });
  const owner = new pg.Pool({ connectionString: shape.database.ownerUrl, max: 4 });
  const baselineWorker = await startBaselineWorker(shape.temporalAddress, shape.namespace);
  const [coordinator, firm] = await Promise.all([
    logIn(shape.apiUrl, 'coord.wang', DEMO_PASSWORD),
    logIn(shape.apiUrl, 'firm.xiangshun', DEMO_PASSWORD),
  ]);
  let made = 0;
  const workerPid = () => {
    const name = shape.workers[0];
    const pid = name ? shape.pid(name) : undefined;
    if (pid === undefined) throw new Error('the worker is not running');
    return pid;
  };
  const workerRssAtStartMiB = await rssMiB(workerPid());
  return {
    bench,
    sizes,
    say,
    temporal,
    coordinator,
    firm,
    owner,
    baselineWorker,
    openSelfInspections: [],
    takeCompounds: async (count) => {
      const compounds = await createCompounds(shape.database.ownerUrl, made, count);
      made += count;
      return compounds;
    },
    workerPid,
    workerRssAtStartMiB,
    close: async () => {
      await baselineWorker.stop();
      await owner.end();
      await connection.close();
    },
  };
}
