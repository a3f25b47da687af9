// P4 reads: GET /dashboard and GET /pilots/:id through the API against their own SQL. The SQL is
// not written here: the API's statements for one request of each are captured in the API process
// (probe/sql-capture.ts) and replayed straight on PostgreSQL with the same connections and the
// same overlap, so the baseline is exactly the queries the code in the tree runs. Requests and
// replays alternate. The pilot detail also asks the workflow for its live state; that is API time.
import { RUNTIME_ROLE } from '@pilot/db';
import { fmt, type Figure, type Outcome } from '../report/outcome.js';
import { ApiClient } from '../shape/api-client.js';
import type { CapturedStatement } from '../sql/captured.js';
import { captureSql } from '../probe/control.js';
import { planReplay, SqlReplayer } from '../sql/replay.js';
import { round, summarize, timed } from '../util/stats.js';
import type { BenchContext } from './context.js';

export const P4_GOAL_RATIO = 1.2;
export const P4_GOAL_DETAIL_KB = 40;
const WARM_UP = 3;

interface ReadResult {
  apiP50: number;
  apiP99: number;
  sqlP50: number;
  sqlP99: number;
  statements: number;
  replayErrors: string[];
  bytes: number;
}

async function measureRead(ctx: BenchContext, path: string): Promise<ReadResult> {
  const { shape, stateDir } = ctx.bench;
  const apiPid = shape.pid('api');
  if (apiPid === undefined) throw new Error('the API is not running');
  const get = async () => ApiClient.expect(await ctx.coordinator.get<unknown>(path), 200, `GET ${path}`);
  for (let i = 0; i < WARM_UP; i++) await get();
  let bytes = 0;
  const captured: CapturedStatement[] = await captureSql(stateDir, apiPid, async () => {
    const answer = await ctx.coordinator.get<unknown>(path);
    ApiClient.expect(answer, 200, `GET ${path}`);
    bytes = answer.bytes;
  });
  const finished = captured.filter((statement) => statement.endMs !== null);
  if (finished.length === 0) throw new Error(`no SQL was captured for GET ${path} (see the API log)`);
  const plan = planReplay(finished);
  const replayer = new SqlReplayer(shape.database.runtimeUrl, RUNTIME_ROLE);
  const api: number[] = [];
  const sql: number[] = [];
  const errors = new Set<string>();
  try {
    await replayer.prepare(plan);
    for (let i = 0; i < WARM_UP; i++) await replayer.run(plan);
    for (let i = 0; i < ctx.sizes.reads; i++) {
      api.push((await timed(get)).ms);
      const replay = await replayer.run(plan);
      replay.errors.forEach((error) => errors.add(error));
      sql.push(replay.ms);
    }
  } finally {
    await replayer.close();
  }
  const a = summarize(api);
  const s = summarize(sql);
  return {
    apiP50: a.p50,
    apiP99: a.p99,
    sqlP50: s.p50,
    sqlP99: s.p99,
    statements: finished.length,
    replayErrors: [...errors],
    bytes,
  };
}

export async function runP4(ctx: BenchContext): Promise<Outcome> {
  const pilotId = ctx.fullPilotId ?? ctx.openSelfInspections[0];
  if (!pilotId) throw new Error('P4 needs a pilot to read (P1 or P2 makes one)');
  const dashboard = await measureRead(ctx, '/dashboard');
  const detail = await measureRead(ctx, `/pilots/${encodeURIComponent(pilotId)}`);
  const dashboardRatio = dashboard.apiP50 / dashboard.sqlP50;
  const detailRatio = detail.apiP50 / detail.sqlP50;
  const detailKb = detail.bytes / 1024;
  const which = ctx.fullPilotId ? 'the full pilot (P2)' : 'an idle pilot';
  const figures: Record<string, Figure> = {
    p4_dashboard_ratio: round(dashboardRatio),
    p4_detail_kb: round(detailKb, 1),
    p4_detail_of: which,
    p4_dashboard_api_p50_ms: round(dashboard.apiP50),
    p4_dashboard_api_p99_ms: round(dashboard.apiP99),
    p4_dashboard_sql_p50_ms: round(dashboard.sqlP50),
    p4_dashboard_sql_p99_ms: round(dashboard.sqlP99),
    p4_dashboard_statements: dashboard.statements,
    p4_dashboard_kb: round(dashboard.bytes / 1024, 1),
    p4_detail_ratio: round(detailRatio),
    p4_detail_api_p50_ms: round(detail.apiP50),
    p4_detail_sql_p50_ms: round(detail.sqlP50),
    p4_detail_statements: detail.statements,
    p4_reads: ctx.sizes.reads,
  };
  const errors = [...dashboard.replayErrors, ...detail.replayErrors];
  if (errors.length > 0) figures['p4_replay_errors'] = errors.join(' | ').slice(0, 1000);
  return {
    rows: [
      {
        scenario: `P4 GET /dashboard (${ctx.sizes.reads}, p50)`,
        measured: fmt.ms(dashboard.apiP50),
        baseline: `${fmt.ms(dashboard.sqlP50)} its ${dashboard.statements} statements replayed`,
        ratio: fmt.ratio(dashboardRatio),
        goal: `≤ ${P4_GOAL_RATIO}`,
        met: dashboardRatio <= P4_GOAL_RATIO,
      },
      {
        scenario: `P4 GET /pilots/:id of ${which} (p50)`,
        measured: `${fmt.ms(detail.apiP50)}, ${detailKb.toFixed(1)} KiB`,
        baseline: `${fmt.ms(detail.sqlP50)} its ${detail.statements} statements replayed`,
        ratio: fmt.ratio(detailRatio),
        goal: `≤ ${P4_GOAL_DETAIL_KB} KiB`,
        met: detailKb <= P4_GOAL_DETAIL_KB,
      },
    ],
    figures,
  };
}
