// P7 the public page under load, 50 readers at once, in two layers, each against a static file the
// same server process serves through the same stack:
//  - the page a resident opens and shares, `/public/锦水街道` on the admin app (SvelteKit, server-
//    rendered from the API on every request), against the built asset whose size is closest to the
//    page's (so the baseline moves as many bytes);
//  - the API route behind it, `GET /public/subdistricts/:name` (no session, served from memory by
//    snapshot), against the Swagger UI's stylesheet under /api/docs (helmet, the per-address
//    allowance and the request log alike).
// Blocks of each alternate, so a change of load on the machine touches both alike. Readers ask
// without If-None-Match and with `accept-encoding: identity`: every answer carries its whole body,
// and a precompressed asset cannot win by sending fewer bytes.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@pilot/db';
import { freePort } from '@pilot/infra';
import { fmt, type Figure, type Outcome, type Row } from '../report/outcome.js';
import { ApiClient, logIn } from '../shape/api-client.js';
import { startNode, waitForLine } from '../util/child.js';
import { round, summarize } from '../util/stats.js';
import type { BenchContext } from './context.js';

export const P7_READERS = 50;
/** The public route may cost at most this many times the static file, at p99. */
export const P7_GOAL_RATIO = 3;
const SUBDISTRICT = '锦水街道';
const API_STATIC_PATH = '/api/docs/swagger-ui.css';
const ADMIN_BUILD = fileURLToPath(new URL('../../../apps/admin/build/', import.meta.url));
const BLOCKS = 4;
const WARM_UP = 2;

/** One block: every reader sends `perReader` requests one after another; all readers at once. */
async function block(url: string, perReader: number): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  const reader = async () => {
    for (let i = 0; i < perReader; i++) {
      const start = performance.now();
      const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      const body = await response.arrayBuffer();
      ms.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
      bytes = body.byteLength;
    }
  };
  await Promise.all(Array.from({ length: P7_READERS }, reader));
  return { ms, bytes };
}

interface Pair {
  measured: ReturnType<typeof summarize> & { bytes: number; count: number };
  baseline: ReturnType<typeof summarize> & { bytes: number };
}

/** Alternating blocks of the measured URL and its baseline, after a warm-up of each. */
async function measurePair(measuredUrl: string, baselineUrl: string, perReader: number): Promise<Pair> {
  await block(measuredUrl, WARM_UP);
  await block(baselineUrl, WARM_UP);
  const a: number[] = [];
  const b: number[] = [];
  let aBytes = 0;
  let bBytes = 0;
  for (let i = 0; i < BLOCKS; i++) {
    const m = await block(measuredUrl, perReader);
    a.push(...m.ms);
    aBytes = m.bytes;
    const s = await block(baselineUrl, perReader);
    b.push(...s.ms);
    bBytes = s.bytes;
  }
  return {
    measured: { ...summarize(a), bytes: aBytes, count: a.length },
    baseline: { ...summarize(b), bytes: bBytes },
  };
}

/** Every file the admin app serves as-is, with its size (the client half of its build). */
async function builtAssets(dir: string, prefix = ''): Promise<Array<{ path: string; bytes: number }>> {
  const found: Array<{ path: string; bytes: number }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const served = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await builtAssets(full, served)));
    // Precompressed twins are the same asset; the readers ask for the plain one.
    else if (!/\.(br|gz)$/.test(entry.name)) found.push({ path: served, bytes: (await stat(full)).size });
  }
  return found;
}

function row(label: string, baselineLabel: string, pair: Pair): Row {
  const { measured: a, baseline: b } = pair;
  const ratio99 = a.p99 / b.p99;
  return {
    scenario: `${label}, ${P7_READERS} readers (p50 / p99)`,
    measured: `${fmt.ms(a.p50)} / ${fmt.ms(a.p99)}, ${(a.bytes / 1024).toFixed(1)} KiB`,
    baseline: `${fmt.ms(b.p50)} / ${fmt.ms(b.p99)} static ${baselineLabel} (${(b.bytes / 1024).toFixed(1)} KiB)`,
    ratio: `${fmt.ratio(a.p50 / b.p50)} / ${fmt.ratio(ratio99)}`,
    goal: `p99 ≤ ${P7_GOAL_RATIO}×`,
    met: ratio99 <= P7_GOAL_RATIO,
  };
}

function figuresOf(prefix: string, pair: Pair): Record<string, Figure> {
  const { measured: a, baseline: b } = pair;
  return {
    [`${prefix}_p50_ms`]: round(a.p50),
    [`${prefix}_p99_ms`]: round(a.p99),
    [`${prefix}_static_p50_ms`]: round(b.p50),
    [`${prefix}_static_p99_ms`]: round(b.p99),
    [`${prefix}_p50_ratio`]: round(a.p50 / b.p50),
    [`${prefix}_p99_ratio`]: round(a.p99 / b.p99),
    [`${prefix}_kb`]: round(a.bytes / 1024, 1),
    [`${prefix}_static_kb`]: round(b.bytes / 1024, 1),
  };
}

export async function runP7(ctx: BenchContext): Promise<Outcome> {
  const base = ctx.bench.shape.apiUrl;
  const admin = await logIn(base, 'admin.jinshui', DEMO_PASSWORD);
  ApiClient.expect(
    await admin.post('/disclosure/snapshots', {
      subdistrict: SUBDISTRICT,
      sections: ['compounds', 'ranking', 'lists', 'cases', 'matters'],
    }),
    201,
    'publishing the public page',
  );
  // Small: 50 readers × 10 × 4 blocks = 2,000 requests of each, inside the shape's allowance.
  const perReader = Math.max(2, Math.round(ctx.sizes.reads / 4));

  const port = await freePort();
  const app = startNode(path.join(ADMIN_BUILD, 'index.js'), {
    HOST: '127.0.0.1',
    PORT: String(port),
    ORIGIN: `http://127.0.0.1:${port}`,
    API_URL: base,
  });
  let page: Pair;
  let asset: { path: string; bytes: number };
  try {
    await waitForLine(app, /Listening on/, 60_000);
    const pageUrl = `http://127.0.0.1:${port}/public/${encodeURIComponent(SUBDISTRICT)}`;
    const first = await fetch(pageUrl, { headers: { 'accept-encoding': 'identity' } });
    const html = await first.arrayBuffer();
    if (first.status !== 200) throw new Error(`GET ${pageUrl}: HTTP ${first.status}`);
    const assets = await builtAssets(path.join(ADMIN_BUILD, 'client'));
    const closest = assets.sort(
      (x, y) => Math.abs(x.bytes - html.byteLength) - Math.abs(y.bytes - html.byteLength),
    )[0];
    if (!closest) throw new Error(`no built assets under ${ADMIN_BUILD}client`);
    asset = closest;
    page = await measurePair(pageUrl, `http://127.0.0.1:${port}${asset.path}`, perReader);
  } finally {
    await app.stop();
  }

  const api = await measurePair(
    `${base}/public/subdistricts/${encodeURIComponent(SUBDISTRICT)}`,
    `${base}${API_STATIC_PATH}`,
    perReader,
  );
  return {
    rows: [
      row(`P7 page /public/${SUBDISTRICT} (admin app, server-rendered)`, asset.path, page),
      row('P7 API GET /public/subdistricts/:name', API_STATIC_PATH, api),
    ],
    figures: {
      ...figuresOf('p7_page', page),
      ...figuresOf('p7_public', api),
      p7_readers: P7_READERS,
      p7_requests_each: page.measured.count,
    },
  };
}
