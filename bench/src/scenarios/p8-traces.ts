// P8 the inspection form with a quarter of logbooks behind it (痕迹化管理): `GET /tasks/:id` of a
// self-inspection (it looks back 92 days) on a compound whose firm kept a register, three patrol
// routes and 92 days of entries — daily rounds, equipment checks and readings, visitors, monthly
// maintenance — against the same request for a twin compound that keeps none (the same checklist,
// the same pilot plan, so the only difference is the traces the form reads and summarizes).
// Requests of the two alternate.
import { fmt, type Figure, type Outcome } from '../report/outcome.js';
import { ApiClient } from '../shape/api-client.js';
import { BENCH_FIRM, type BenchCompound } from '../shape/compounds.js';
import { round, summarize, timed } from '../util/stats.js';
import type { BenchContext } from './context.js';
import { enrollBody, FIRM_USER_ID, IDLE_PLAN } from './plans.js';

/** The form may cost at most this many times the same form without traces, at p50. */
export const P8_GOAL_RATIO = 2;
const DAYS = 92;
const WARM_UP = 3;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ITEMS = [
  ['power_distribution', 'PD-01', '配电室低压柜', 90],
  ['water_pump', 'BF-01', '二次供水泵组', 30],
  ['fire_system', 'XF-01', '火灾报警系统', 30],
  ['gate', 'DZ-01', '北门道闸', 30],
  ['cctv', 'JK-01', '视频监控', 90],
] as const;
const ROUTES = [
  ['security', '夜间安防巡逻', 22],
  ['engineering', '工程设备巡检', 9],
  ['fire_duty', '消防安全巡查', 15],
] as const;
const CHECKPOINTS = ['a', 'b', 'c', 'd', 'e'];

interface TaskPage {
  items: Array<{ id: string; kind: string }>;
}
interface TaskDetail {
  traces: { standards: Array<{ code: string; sources: Array<{ count: number }> }> };
}

/** The register and a quarter of entries for `compound`, straight in the records (as the owner). */
async function keepLogbooks(ctx: BenchContext, compound: BenchCompound, nowMs: number): Promise<number> {
  const registered = new Date(nowMs - (DAYS + 7) * DAY);
  const rows: unknown[][] = [];
  let n = 0;
  const entry = (
    kind: string,
    atMs: number,
    equipmentId: string | null,
    routeId: string | null,
    details: object,
  ) => {
    n += 1;
    rows.push([
      `lb-${compound.id}-${n}`,
      compound.id,
      BENCH_FIRM.id,
      kind,
      equipmentId,
      routeId,
      new Date(atMs),
      new Date(atMs + 5 * 60_000),
      FIRM_USER_ID,
      '祥顺物业',
      `${kind} ${n}`,
      JSON.stringify(details),
    ]);
  };
  const client = await ctx.owner.connect();
  try {
    await client.query('BEGIN');
    for (const [type, code, name, interval] of ITEMS)
      await client.query(
        `INSERT INTO equipment (id, "compoundId", code, type, name, location, "responsibleName",
           "maintenanceIntervalDays", "inspectionIntervalDays", "staffRole", "createdById", "createdAt")
         VALUES ($1, $2, $3, $4::"EquipmentType", $5, '小区内', '王建华', $6, 1, 'engineering', $7, $8)`,
        [`eq-${compound.id}-${code}`, compound.id, code, type, name, interval, FIRM_USER_ID, registered],
      );
    for (const [role, name] of ROUTES)
      await client.query(
        `INSERT INTO patrol_route (id, "compoundId", name, "staffRole", "intervalDays", checkpoints, "createdById", "createdAt")
         VALUES ($1, $2, $3, $4::"FirmStaffRole", 1, $5, $6, $7)`,
        [
          `rt-${compound.id}-${role}`,
          compound.id,
          name,
          role,
          JSON.stringify(CHECKPOINTS.map((c) => ({ code: c, name: c, keyPart: null }))),
          FIRM_USER_ID,
          registered,
        ],
      );
    const start = nowMs - DAYS * DAY;
    for (let day = 0; day < DAYS; day++) {
      const base = start + day * DAY;
      for (const [role, , hour] of ROUTES) {
        const missed = day % 11 === 0 ? ['e'] : [];
        entry('patrol', base + hour * HOUR, null, `rt-${compound.id}-${role}`, {
          visited: CHECKPOINTS.filter((c) => !missed.includes(c)),
          missed,
        });
      }
      for (const [, code, , interval] of ITEMS) {
        const id = `eq-${compound.id}-${code}`;
        entry('inspection', base + 8 * HOUR, id, null, { result: 'normal' });
        entry('operation', base + 10 * HOUR, id, null, {});
        if (day % interval === 3)
          entry('maintenance', base + 14 * HOUR, id, null, { technician: '赵工', result: 'normal' });
      }
      for (let v = 0; v < 3; v++) entry('visitor', base + (10 + v * 3) * HOUR, null, null, {});
    }
    for (let from = 0; from < rows.length; from += 500) {
      const chunk = rows.slice(from, from + 500);
      const values = chunk
        .map((_, i) => `(${Array.from({ length: 12 }, (__, j) => `$${i * 12 + j + 1}`).join(', ')})`)
        .join(', ');
      await client.query(
        `INSERT INTO logbook_entry (id, "compoundId", "firmId", kind, "equipmentId", "routeId", "occurredAt",
           "recordedAt", "recordedById", "recordedByName", summary, details)
         SELECT id, "compoundId", "firmId", kind::"LogbookKind", "equipmentId", "routeId", "occurredAt"::timestamptz,
           "recordedAt"::timestamptz, "recordedById", "recordedByName", summary, details::jsonb
         FROM (VALUES ${values}) AS v(id, "compoundId", "firmId", kind, "equipmentId", "routeId", "occurredAt",
           "recordedAt", "recordedById", "recordedByName", summary, details)`,
        chunk.flat(),
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return rows.length;
}

async function selfTask(ctx: BenchContext, compound: BenchCompound): Promise<string> {
  const enrolled = ApiClient.expect(
    await ctx.coordinator.post<{ enrollmentId: string }>('/pilots', enrollBody(compound, IDLE_PLAN)),
    201,
    `enrolling ${compound.id}`,
  );
  for (let attempt = 0; attempt < 100; attempt++) {
    const page = ApiClient.expect(
      await ctx.coordinator.get<TaskPage>(`/tasks?pilotId=${encodeURIComponent(enrolled.enrollmentId)}`),
      200,
      'the pilot’s tasks',
    );
    const self = page.items.find((task) => task.kind === 'self');
    if (self) return self.id;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no self-inspection for ${compound.id}`);
}

export async function runP8(ctx: BenchContext): Promise<Outcome> {
  const [kept, bare] = await ctx.takeCompounds(2);
  if (!kept || !bare) throw new Error('P8 needs two compounds');
  const entries = await keepLogbooks(ctx, kept, Date.now());
  const [keptTask, bareTask] = [await selfTask(ctx, kept), await selfTask(ctx, bare)];
  const get = (task: string) => async () => {
    const answer = await ctx.coordinator.get<TaskDetail>(`/tasks/${task}`);
    return { body: ApiClient.expect(answer, 200, `GET /tasks/${task}`), bytes: answer.bytes };
  };
  const first = await get(keptTask)();
  const shown = first.body.traces.standards.reduce(
    (sum, s) => sum + s.sources.reduce((n, source) => n + source.count, 0),
    0,
  );
  if (shown === 0) throw new Error('the form shows no traces: the logbooks were not read');
  for (let i = 0; i < WARM_UP; i++) {
    await get(keptTask)();
    await get(bareTask)();
  }
  const withTraces: number[] = [];
  const without: number[] = [];
  let bytes = first.bytes;
  let bareBytes = 0;
  for (let i = 0; i < ctx.sizes.reads; i++) {
    const a = await timed(get(keptTask));
    withTraces.push(a.ms);
    bytes = a.value.bytes;
    const b = await timed(get(bareTask));
    without.push(b.ms);
    bareBytes = b.value.bytes;
  }
  const a = summarize(withTraces);
  const b = summarize(without);
  const ratio = a.p50 / b.p50;
  const figures: Record<string, Figure> = {
    p8_entries: entries,
    p8_form_p50_ms: round(a.p50),
    p8_form_p99_ms: round(a.p99),
    p8_bare_p50_ms: round(b.p50),
    p8_bare_p99_ms: round(b.p99),
    p8_form_ratio: round(ratio),
    p8_form_kb: round(bytes / 1024, 1),
    p8_bare_kb: round(bareBytes / 1024, 1),
  };
  return {
    rows: [
      {
        scenario: `inspection form (self, 92 days) over ${entries} logbook entries (p50 / p99)`,
        measured: `${fmt.ms(a.p50)} / ${fmt.ms(a.p99)}, ${(bytes / 1024).toFixed(1)} KiB`,
        baseline: `${fmt.ms(b.p50)} / ${fmt.ms(b.p99)} the same form, no logbooks (${(bareBytes / 1024).toFixed(1)} KiB)`,
        ratio: fmt.ratio(ratio),
        goal: `≤ ${P8_GOAL_RATIO}`,
        met: ratio <= P8_GOAL_RATIO,
      },
    ],
    figures,
  };
}
