// Replays captured statements straight on PostgreSQL, as the API sent them: each captured
// connection becomes one connection here, statements on it keep their order, and a statement
// waits for every statement that had answered before it started in the capture — so statements
// the API ran at once run at once here, and the ones it ran in sequence stay in sequence.
import pg from 'pg';
import type { CapturedStatement } from './captured.js';

export interface ReplayResult {
  ms: number;
  statements: number;
  errors: string[];
}

interface Planned {
  statement: CapturedStatement;
  lane: number;
  after: number[];
}

/** Which statements each statement must wait for, and which replay connection runs it. */
export function planReplay(statements: readonly CapturedStatement[]): Planned[] {
  const ordered = [...statements].sort((a, b) => a.startMs - b.startMs);
  const lanes = new Map<number, number>();
  return ordered.map((statement, index) => {
    let lane = lanes.get(statement.connection);
    if (lane === undefined) {
      lane = lanes.size;
      lanes.set(statement.connection, lane);
    }
    const after = ordered.flatMap((earlier, j) =>
      j < index && earlier.endMs !== null && earlier.endMs <= statement.startMs ? [j] : [],
    );
    return { statement, lane, after };
  });
}

function wireValues(values: CapturedStatement['values']): Array<string | Buffer | null> {
  return values.map((value) =>
    value === null || typeof value === 'string' ? value : Buffer.from(value.base64, 'base64'),
  );
}

export class SqlReplayer {
  private readonly clients: pg.Client[] = [];

  constructor(
    private readonly url: string,
    private readonly role: string | undefined,
  ) {}

  private async client(lane: number): Promise<pg.Client> {
    while (this.clients.length <= lane) {
      const client = new pg.Client({
        connectionString: this.url,
        ...(this.role ? { options: `-c role=${this.role}` } : {}),
      });
      await client.connect();
      this.clients.push(client);
    }
    const client = this.clients[lane];
    if (!client) throw new Error(`no replay connection ${lane}`);
    return client;
  }

  /** Opens the connections a replay needs, so the timed run does not pay for connecting. */
  async prepare(plan: readonly Planned[]): Promise<void> {
    for (const step of plan) await this.client(step.lane);
  }

  async run(plan: readonly Planned[]): Promise<ReplayResult> {
    await this.prepare(plan);
    const errors: string[] = [];
    const done: Array<Promise<void>> = [];
    const started = performance.now();
    for (const step of plan) {
      const client = await this.client(step.lane);
      const waits = step.after.map((index) => done[index]);
      done.push(
        Promise.all(waits).then(async () => {
          try {
            await client.query({
              text: step.statement.text,
              values: wireValues(step.statement.values),
              rowMode: 'array',
            });
          } catch (error) {
            errors.push(error instanceof Error ? error.message : String(error));
          }
        }),
      );
    }
    await Promise.all(done);
    return { ms: performance.now() - started, statements: plan.length, errors };
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.end()));
  }
}
