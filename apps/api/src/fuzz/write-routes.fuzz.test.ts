// Property-based fuzzing of every write route (read from the running app's OpenAPI document, so a
// new route is covered the moment it exists), against the real API on PGlite with the real
// Temporal dev server and worker: hostile bodies, headers, path ids and query strings, as
// authenticated users of each role. Two properties hold for every request:
//
//   1. no answer is 5xx, and every error is in the API's envelope {error: {code, message, requestId}};
//   2. a refused (4xx) request leaves the row count of every table unchanged.
//
// Each (route, kind of hostility) pair gets RUNS_PER_KIND cases from its own fixed seed, so every
// route meets every kind whatever fast-check's random choices, a new route shifts no other route's
// cases, and a failure replays from the seed printed with it.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { formatLocalDate, USER_ROLES, type UserRole } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import {
  badIdempotencyKey,
  deepBody,
  fromSchema,
  hostileQuery,
  hostileSegment,
  jsonBody,
  malformedJson,
  multipartBody,
  multipartWithInvalidText,
  odditiesInHeaders,
  oddContentType,
  withInvalidText,
  type JsonSchema,
  type KnownIds,
  type WireBody,
} from '../test-support/hostile-input.js';
import { DEMO, enrollBody } from '../test-support/pilot-fixtures.js';

/**
 * Cases per (route, kind): 10 kinds × 4 = 40 per route, plus one probe per role, about 1,200
 * requests over the 26 write routes, which runs in about a minute on two cores. Four is the smallest count at which
 * each kind still shows its variants on every route (a kind draws from 3–15 shapes, and the cases
 * also vary role, path ids, query and headers); the seed is fixed, so more runs would only repeat
 * the same shapes with other random filler, and CI time is better spent on new kinds.
 */
const RUNS_PER_KIND = 4;
const BASE_SEED = 20261201;

const USERS: Record<UserRole, string> = {
  admin: 'admin.jinshui',
  coordinator: 'coord.wang',
  inspector: 'insp.zhang',
  firm: 'firm.xiangshun',
  resident: 'resident.han',
  party: 'party.zhzf',
};

/** Routes that end the session they are called with get a session of their own each time. */
const SESSION_ENDING = new Set(['POST /auth/logout', 'POST /auth/refresh']);

/**
 * Refusals that write on purpose: a failed log-in is counted (login throttle) and audited
 * (登录失败 is an 等保 audit event). Every other refusal writes nothing.
 */
const RECORDED_WHEN_REFUSED: Record<string, string[]> = {
  'POST /auth/login': ['login_throttle', 'audit_log', 'audit_stream'],
};

type Role = UserRole | 'anonymous';

interface Operation {
  method: string;
  /** OpenAPI template, e.g. `/pilots/{id}/pause`. */
  template: string;
  key: string;
  consumes: string[];
  schema: JsonSchema | null;
  params: string[];
  /** Roles the guard lets through (found by asking, see beforeAll). */
  admitted: Role[];
}

interface WireRequest {
  role: Role;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: WireBody;
}

type Kind =
  | 'near-valid'
  | 'wrong-types'
  | 'deep'
  | 'malformed-json'
  | 'invalid-text-body'
  | 'invalid-text-path'
  | 'content-type'
  | 'multipart'
  | 'idempotency'
  | 'url';

const KINDS: Kind[] = [
  'near-valid',
  'wrong-types',
  'deep',
  'malformed-json',
  'invalid-text-body',
  'invalid-text-path',
  'content-type',
  'multipart',
  'idempotency',
  'url',
];

/** No header, or one Idempotency-Key, so hostile bodies also meet the fingerprint. */
const withOrWithoutKey = (key: string): fc.Arbitrary<Record<string, string>> =>
  fc.constantFrom<Record<string, string>>({}, { 'idempotency-key': key });

/** A stable 31-bit seed per (route, kind). */
function seedOf(text: string): number {
  let hash = BASE_SEED;
  for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash >>> 1;
}

describe('fuzzing every write route', () => {
  let api: ApiHarness;
  let clients: Record<UserRole, ApiClient>;
  let operations: Operation[];
  let tables: string[];
  let ids: { pilot: string; task: string; user: string; inspectors: string[] };
  const stats = { requests: 0, byStatus: new Map<number, number>(), ms: 0 };
  const failures: string[] = [];

  const prisma = () => api.runtime.deps.prisma;

  async function counts(): Promise<Record<string, number>> {
    // One row per table: json_build_object takes at most 100 arguments, which 50 tables reached.
    const select = tables
      .map((t) => `SELECT '${t}' AS name, (SELECT count(*) FROM "${t}")::int AS n`)
      .join(' UNION ALL ');
    const rows = await prisma().$queryRawUnsafe<Array<{ name: string; n: number }>>(select);
    rows.sort((a, b) => a.name.localeCompare(b.name));
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  }

  /** Waits until nothing writes any more (a successful write's workflow may still be recording). */
  async function quiet(): Promise<Record<string, number>> {
    let previous = await counts();
    for (let i = 0; i < 25; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await counts();
      if (JSON.stringify(now) === JSON.stringify(previous)) return now;
      previous = now;
    }
    return previous;
  }

  const known: KnownIds = {
    byProperty(name) {
      if (name === 'pilotId' || name === 'enrollmentId') return [ids.pilot];
      if (name === 'taskId') return [ids.task];
      if (/inspectorId$/i.test(name)) return ids.inspectors;
      if (name === 'userId') return [ids.user];
      if (name === 'firmId') return [DEMO.firm];
      if (name === 'compoundId') return [DEMO.compound];
      if (name === 'communityId') return [DEMO.community];
      if (name === 'catalogueVersion' || name === 'basedOn' || name === 'version') return ['2024.1'];
      return [];
    },
  };

  /** A real id for the route's path parameter, so some requests reach past the lookups. */
  function realSegment(template: string): string {
    const resource = template.split('/')[1];
    if (resource === 'pilots') return ids.pilot;
    if (resource === 'tasks') return encodeURIComponent(ids.task);
    if (resource === 'users') return ids.user;
    if (resource === 'catalogue') return '2024.1';
    return 'fuzz-unknown-id';
  }

  function pathOf(op: Operation, segment: fc.Arbitrary<string>): fc.Arbitrary<string> {
    if (op.params.length === 0) return fc.constant(op.template);
    return fc
      .array(segment, { minLength: op.params.length, maxLength: op.params.length })
      .map((segments) =>
        op.params.reduce((path, name, i) => path.replace(`{${name}}`, segments[i]!), op.template),
      );
  }

  function roleOf(op: Operation): fc.Arbitrary<Role> {
    const every: Role[] = [...USER_ROLES, 'anonymous'];
    return op.admitted.length > 0
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...op.admitted) },
          { weight: 1, arbitrary: fc.constantFrom(...every) },
        )
      : fc.constantFrom(...every);
  }

  function bodyOf(op: Operation, hostility: number): fc.Arbitrary<unknown> {
    return op.schema ? fromSchema(op.schema, known, hostility) : fc.constant({});
  }

  /** One case of `kind` for `op`: the request and nothing else (the checks are shared). */
  function caseOf(op: Operation, kind: Kind): fc.Arbitrary<WireRequest> {
    const realOrHostile = fc.oneof(
      { weight: 3, arbitrary: fc.constant(realSegment(op.template)) },
      { weight: 1, arbitrary: hostileSegment },
    );
    const plainPath = pathOf(op, realOrHostile);
    const multipartRoute = op.consumes.includes('multipart/form-data');
    const request = (
      path: fc.Arbitrary<string>,
      body: fc.Arbitrary<WireBody | undefined>,
      headers: fc.Arbitrary<Record<string, string>> = fc.constant({}),
    ): fc.Arbitrary<WireRequest> =>
      fc.record({ role: roleOf(op), path, body, headers }).map((r) => ({
        role: r.role,
        method: op.method,
        path: r.path,
        headers: r.headers,
        ...(r.body ? { body: r.body } : {}),
      }));
    const json = (hostility: number) => bodyOf(op, hostility).map((value) => jsonBody(value));
    switch (kind) {
      case 'near-valid':
        return multipartRoute
          ? request(plainPath, multipartBody([ids.pilot]))
          : request(plainPath, json(1), odditiesInHeaders);
      case 'wrong-types':
        return request(
          plainPath,
          fc.oneof(
            fc
              .constantFrom<unknown>([], 'text', 42, true, null, [{}], { items: 'x' })
              .map((v) => jsonBody(v)),
            json(6),
          ),
        );
      case 'deep':
        return request(plainPath, deepBody, withOrWithoutKey('fuzz-deep-key-01'));
      case 'malformed-json':
        return request(plainPath, malformedJson, withOrWithoutKey('fuzz-malformed-01'));
      case 'invalid-text-body':
        return multipartRoute
          ? request(plainPath, multipartWithInvalidText([ids.pilot]))
          : request(
              plainPath,
              bodyOf(op, 0)
                .chain(withInvalidText)
                .map((v) => jsonBody(v)),
            );
      case 'invalid-text-path':
        // Routes without a path id get the NUL in the query instead.
        return op.params.length > 0
          ? request(pathOf(op, fc.constantFrom('%00', 'a%00b', 'enr-x%00')), json(0))
          : request(
              fc.constantFrom('?q=%00', '?a%00=1', '?q=x%00y').map((q) => op.template + q),
              json(0),
            );
      case 'content-type':
        return request(
          plainPath,
          bodyOf(op, 0).chain((value) => oddContentType(JSON.stringify(value) ?? '{}')),
        );
      case 'multipart':
        return request(plainPath, multipartBody([ids.pilot]), withOrWithoutKey('fuzz-upload-key-1'));
      case 'idempotency':
        return request(
          plainPath,
          multipartRoute ? multipartBody([ids.pilot]) : json(2),
          fc.oneof(
            badIdempotencyKey.map((key) => ({ 'idempotency-key': key })),
            // A few valid keys, reused across different bodies and routes: the first may run,
            // a repeat replays it and a different request with the key is 422.
            fc.constantFrom('fuzz-key-000001', 'fuzz-key-000002', 'fuzz-key-000003').map((key) => ({
              'idempotency-key': key,
            })),
          ),
        );
      case 'url':
        return request(
          fc.tuple(pathOf(op, hostileSegment), hostileQuery).map(([p, q]) => p + q),
          fc.constant(jsonBody({})),
        );
    }
  }

  function describeRequest(request: WireRequest): string {
    return `${request.role} ${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers).slice(0, 200)} ${request.body?.contentType ?? '-'} ${request.body?.preview.slice(0, 200) ?? ''}`;
  }

  /** Sends one request and checks both properties: its status, or null (the reason recorded) on a failure. */
  async function exchange(op: Operation, request: WireRequest): Promise<number | null> {
    const opKey = `${op.method} ${op.template}`;
    let token: string | null = null;
    if (request.role !== 'anonymous') {
      token = SESSION_ENDING.has(opKey)
        ? (await api.as(USERS[request.role])).token
        : clients[request.role].token;
    }
    const before = await counts();
    const started = performance.now();
    let status: number;
    let text: string;
    let contentType: string;
    try {
      const response = await fetch(`${api.baseUrl}${request.path}`, {
        method: request.method,
        headers: {
          ...(request.body?.contentType !== undefined ? { 'content-type': request.body.contentType } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...request.headers,
        },
        ...(request.body ? { body: request.body.bytes } : {}),
      });
      status = response.status;
      text = await response.text();
      contentType = response.headers.get('content-type') ?? '';
    } catch (error) {
      failures.push(`no answer (${String(error)}): ${describeRequest(request)}`);
      return null;
    }
    stats.ms += performance.now() - started;
    stats.requests++;
    stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
    // FUZZ_LOG=<file> lists every request with its answer, for looking into what the fuzz sent.
    if (process.env.FUZZ_LOG) appendFileSync(process.env.FUZZ_LOG, `${status} ${describeRequest(request)}\n`);
    if (status >= 500) {
      failures.push(`${status} ${text.slice(0, 300)}: ${describeRequest(request)}`);
      return null;
    }
    if (status >= 200 && status < 300) {
      // A write went through; wait until its workflow has finished recording before the next case.
      await quiet();
      return status;
    }
    const envelope = (() => {
      try {
        return contentType.includes('json')
          ? (JSON.parse(text) as { error?: Record<string, unknown> })
          : null;
      } catch {
        return null;
      }
    })();
    const error = envelope?.error;
    if (
      !error ||
      typeof error.code !== 'string' ||
      typeof error.message !== 'string' ||
      typeof error.requestId !== 'string'
    ) {
      failures.push(`${status} not in the envelope: ${text.slice(0, 200)}: ${describeRequest(request)}`);
      return null;
    }
    const after = await counts();
    const allowed = new Set(RECORDED_WHEN_REFUSED[opKey] ?? []);
    const changed = tables.filter((t) => before[t] !== after[t] && !allowed.has(t));
    if (changed.length > 0) {
      failures.push(
        `${status} ${String(error.code)} changed ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}: ${describeRequest(request)}`,
      );
      return null;
    }
    return status;
  }

  beforeAll(async () => {
    api = await startApi();
    clients = Object.fromEntries(
      await Promise.all(USER_ROLES.map(async (role) => [role, await api.as(USERS[role])] as const)),
    ) as Record<UserRole, ApiClient>;
    // The records the fuzz may touch for real: a pilot starting in a week (its workflow waits
    // quietly meanwhile), one of its tasks, and a user nobody logs in as.
    const enrolled = await clients.coordinator.post<{ enrollmentId: string }>(
      '/pilots',
      enrollBody(formatLocalDate(Date.now() + 7 * 86_400_000), {}),
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const target = await clients.admin.post<{ id: string }>('/users', {
      username: 'fuzz.target',
      displayName: '模糊测试对象',
      role: 'inspector',
      password: 'Kx7#mq2vLp9!w',
    });
    expect(target.status, JSON.stringify(target.body)).toBe(201);
    const task = await prisma().inspectionTask.findFirstOrThrow({
      where: { enrollmentId: enrolled.body.enrollmentId },
    });
    ids = {
      pilot: enrolled.body.enrollmentId,
      task: task.id,
      user: target.body.id,
      inspectors: [DEMO.zhang, DEMO.li],
    };

    tables = (
      await prisma().$queryRawUnsafe<Array<{ tablename: string }>>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
      )
    ).map((row) => row.tablename);

    const document = (await (await fetch(`${api.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema?: JsonSchema }> };
            parameters?: Array<{ in: string; name: string }>;
          }
        >
      >;
    };
    operations = Object.entries(document.paths).flatMap(([template, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          template,
          key: `${method.toUpperCase()} ${template}`,
          consumes: Object.keys(op.requestBody?.content ?? {}),
          schema: op.requestBody?.content['application/json']?.schema ?? null,
          params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          admitted: [],
        })),
    );
    await quiet();
  });
  afterAll(async () => {
    console.log(
      `fuzz: ${operations?.length ?? 0} write routes, ${stats.requests} requests, ` +
        `${Math.round(stats.ms / 1000)} s in requests; by status ${JSON.stringify(Object.fromEntries([...stats.byStatus].sort(([a], [b]) => a - b)))}`,
    );
    await api?.close();
  });

  it('covers every write route of the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    expect(operations.map((op) => op.key)).toEqual(expect.arrayContaining(['POST /evidence', 'POST /users']));
  });

  /*
   * The routes in a few groups of one test each, so no single test runs past the timeout as routes
   * are added (64 write routes take ~110 s); the last group takes every route the others do not.
   */
  const GROUPS: Array<{ name: string; owns: (template: string) => boolean }> = [
    {
      name: 'the governance loop',
      owns: (t) => /^\/(matters|parties|patrols|meetings|residents)(\/|$)/.test(t),
    },
    { name: 'pilots and field work', owns: (t) => /^\/(pilots|tasks|rectifications|evidence)(\/|$)/.test(t) },
    { name: 'catalogue and calendars', owns: (t) => /^\/(catalogue|calendars)(\/|$)/.test(t) },
  ];
  const REST = 'every other route';
  const inGroup = (name: string) => (op: Operation) => {
    const group = GROUPS.find((g) => g.name === name);
    return group ? group.owns(op.template) : GROUPS.every((g) => !g.owns(op.template));
  };

  it.each([...GROUPS.map((g) => g.name), REST])(
    'answers no hostile request with 5xx, every error in the envelope, and refusals write nothing (%s)',
    async (group) => {
      for (const op of operations.filter(inGroup(group))) {
        // Which roles get past the guard, asked of the app itself with an empty body (checked like
        // every other request), so most cases are spent beyond the guard.
        const path = op.params.reduce(
          (p, name) => p.replace(`{${name}}`, realSegment(op.template)),
          op.template,
        );
        for (const role of USER_ROLES) {
          const status = await exchange(op, {
            role,
            method: op.method,
            path,
            headers: {},
            body: jsonBody({}),
          });
          if (status !== null && status !== 401 && status !== 403) op.admitted.push(role);
        }
        for (const kind of KINDS) {
          const seed = seedOf(`${op.key} ${kind}`);
          try {
            await fc.assert(
              fc.asyncProperty(caseOf(op, kind), async (request) => (await exchange(op, request)) !== null),
              { seed, numRuns: RUNS_PER_KIND, endOnFailure: true },
            );
          } catch {
            // Recorded by exchange() with the request; the other routes and kinds still run.
            failures.push(`  ↑ ${op.key} / ${kind}: replay with seed ${seed}`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
