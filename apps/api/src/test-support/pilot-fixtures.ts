// Helpers for the HTTP tests of the field-work routes: a plan whose first inspections are open now,
// checklist answers built from the API's own checklist, multipart uploads, polling.
import { buildRoundSchedule, formatLocalDate, resolvePlan, type PlanOptionsInput } from '@pilot/domain';
import type { PrismaClient } from '@pilot/db';
import type { ApiClient, ApiResponse } from './api-harness.js';

export const DEMO = {
  community: 'com-jinshuiyuan',
  compound: 'cmp-meiguijiayuan',
  firm: 'firm-xiangshun',
  zhang: 'usr-insp-zhang',
  li: 'usr-insp-li',
  sun: 'usr-insp-sun',
} as const;

export const ASSIGNMENTS = [
  { inspectorId: DEMO.zhang, kinds: ['concentrated', 'weekly'] },
  { inspectorId: DEMO.li, kinds: ['monthly', 'quarterly', 'consolidation'] },
];

/**
 * A plan that starts today and opens the concentrated inspection about two seconds from now, while
 * the self-inspection is still open. A compressed pilot enrolled on its start day starts at once
 * (the workflow anchors it at "now"), so the time scale is the real time until the concentrated
 * inspection's day divided by two seconds. Without weekends that is a day away unless an official
 * holiday is (an override's days add to the calendar's, they never remove one); a long
 * grace period and a year-long round keep every task open for minutes whatever the time of day.
 */
export function planOpenNow(): { startDate: string; planOptions: PlanOptionsInput } {
  const now = Date.now();
  const base = {
    selfInspectionDays: 1,
    concentratedInspectionOffsetDays: 1,
    graceHours: 720,
    roundMonths: 12,
    calendar: { weekendDays: [], holidays: [], makeUpWorkdays: [] },
  } satisfies PlanOptionsInput;
  const round = buildRoundSchedule(resolvePlan(base), now, 1);
  const concentrated = round.tasks.find((t) => t.kind === 'concentrated')!;
  const timeScale = Math.max(1, (concentrated.opensAt - now) / 2_000);
  return { startDate: formatLocalDate(now), planOptions: { ...base, timeScale } };
}

export function enrollBody(
  startDate: string,
  planOptions: PlanOptionsInput,
  compound: { name: string; community: string } = { name: '玫瑰家园', community: '锦水园社区' },
  firm: { name: string } = { name: '祥顺物业' },
) {
  return {
    firm,
    compound,
    startDate,
    inspectorAssignments: ASSIGNMENTS,
    catalogueVersion: '2024.1',
    planOptions,
  };
}

interface ChecklistStandard {
  code: string;
  critical: boolean;
  scoring: { mode: 'binary' } | { mode: 'graded'; max: number };
}

export interface TaskDetailBody {
  id: string;
  kind: string;
  status: string;
  pilot: { id: string };
  checklist: { itemCount: number; categories: Array<{ code: string; standards: ChecklistStandard[] }> };
}

/** Answers for every checklist item: all pass except `failures`, which fail with a note. */
export function answersFor(task: TaskDetailBody, failures: string[] = [], evidenceRefs: string[] = []) {
  return task.checklist.categories
    .flatMap((category) => category.standards)
    .map((standard) => {
      const fail = failures.includes(standard.code);
      const graded = standard.scoring.mode === 'graded' ? standard.scoring.max : null;
      return {
        code: standard.code,
        outcome: fail ? ('fail' as const) : ('pass' as const),
        ...(graded !== null ? { score: fail ? 0 : graded } : {}),
        ...(fail ? { note: '消防通道堆放杂物，未及时清理', evidenceRefs } : {}),
      };
    });
}

/** The first non-critical standard on a checklist (a failure there opens an ordinary rectification). */
export function ordinaryStandard(task: TaskDetailBody): string {
  return task.checklist.categories.flatMap((c) => c.standards).find((s) => !s.critical)!.code;
}

/** A tiny valid PNG (1×1), and other file bodies for the upload limits. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export async function upload(
  client: ApiClient,
  fields: Record<string, string>,
  files: Array<{ name: string; type: string; bytes: Uint8Array }>,
  headers: Record<string, string> = {},
): Promise<ApiResponse<{ items: Array<{ id: string; sha256: string; sizeBytes: number }> } & ErrorBody>> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  for (const file of files) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const response = await fetch(`${client.baseUrl}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, ...headers },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string; zh: string; en: string }>;
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Row counts of every table a field-work request could write, to prove a refused one wrote nothing. */
export async function recordCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const [
    enrollments,
    results,
    items,
    rectifications,
    responses,
    verifications,
    evidence,
    audit,
    idempotency,
  ] = await Promise.all([
    prisma.enrollment.count(),
    prisma.inspectionResult.count(),
    prisma.itemResult.count(),
    prisma.rectification.count(),
    prisma.rectificationResponse.count(),
    prisma.rectificationVerification.count(),
    prisma.evidence.count(),
    // Timers of a running pilot audit as `system` (e.g. a task marked missed); people's requests never do.
    prisma.auditLog.count({ where: { NOT: { actorRole: 'system' } } }),
    prisma.idempotencyRecord.count(),
  ]);
  return {
    enrollments,
    results,
    items,
    rectifications,
    responses,
    verifications,
    evidence,
    audit,
    idempotency,
  };
}
