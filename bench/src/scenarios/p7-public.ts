// P7 the public page under load: 50 readers at once on GET /public/subdistricts/:name (信息公开, no
// session, served from the API's memory by snapshot), against a static file the same API process
// serves through the same Fastify stack (helmet, the per-address allowance, the request log): the
// Swagger UI's stylesheet under /api/docs. Blocks of each alternate, so a change of load on the
// machine touches both alike. Readers ask without If-None-Match: every answer carries the body.
import { DEMO_PASSWORD } from '@pilot/db';
import { fmt, type Figure, type Outcome } from '../report/outcome.js';
import { ApiClient, logIn } from '../shape/api-client.js';
import { round, summarize } from '../util/stats.js';
import type { BenchContext } from './context.js';

export const P7_READERS = 50;
/** The public route may cost at most this many times the static file, at p99. */
export const P7_GOAL_RATIO = 3;
const SUBDISTRICT = '锦水街道';
const STATIC_PATH = '/api/docs/swagger-ui.css';
const BLOCKS = 4;
const WARM_UP = 2;

/** One block: every reader sends `perReader` requests one after another; all readers at once. */
async function block(url: string, perReader: number): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  const reader = async () => {
    for (let i = 0; i < perReader; i++) {
      const start = performance.now();
      const response = await fetch(url);
      const body = await response.arrayBuffer();
      ms.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
      bytes = body.byteLength;
    }
  };
  await Promise.all(Array.from({ length: P7_READERS }, reader));
  return { ms, bytes };
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
  const publicUrl = `${base}/public/subdistricts/${encodeURIComponent(SUBDISTRICT)}`;
  const staticUrl = `${base}${STATIC_PATH}`;
  await block(publicUrl, WARM_UP);
  await block(staticUrl, WARM_UP);
  // Small: 50 readers × 10 × 4 blocks = 2,000 requests of each, inside the shape's allowance.
  const perReader = Math.max(2, Math.round(ctx.sizes.reads / 4));
  const pub: number[] = [];
  const stat: number[] = [];
  let publicBytes = 0;
  let staticBytes = 0;
  for (let i = 0; i < BLOCKS; i++) {
    const p = await block(publicUrl, perReader);
    pub.push(...p.ms);
    publicBytes = p.bytes;
    const s = await block(staticUrl, perReader);
    stat.push(...s.ms);
    staticBytes = s.bytes;
  }
  const a = summarize(pub);
  const b = summarize(stat);
  const ratio99 = a.p99 / b.p99;
  const figures: Record<string, Figure> = {
    p7_public_p50_ms: round(a.p50),
    p7_public_p99_ms: round(a.p99),
    p7_static_p50_ms: round(b.p50),
    p7_static_p99_ms: round(b.p99),
    p7_p50_ratio: round(a.p50 / b.p50),
    p7_p99_ratio: round(ratio99),
    p7_public_kb: round(publicBytes / 1024, 1),
    p7_static_kb: round(staticBytes / 1024, 1),
    p7_readers: P7_READERS,
    p7_requests_each: pub.length,
  };
  return {
    rows: [
      {
        scenario: `P7 GET /public/subdistricts/:name, ${P7_READERS} readers (p50 / p99)`,
        measured: `${fmt.ms(a.p50)} / ${fmt.ms(a.p99)}, ${(publicBytes / 1024).toFixed(1)} KiB`,
        baseline: `${fmt.ms(b.p50)} / ${fmt.ms(b.p99)} static ${STATIC_PATH} (${(staticBytes / 1024).toFixed(1)} KiB)`,
        ratio: `${fmt.ratio(a.p50 / b.p50)} / ${fmt.ratio(ratio99)}`,
        goal: `p99 ≤ ${P7_GOAL_RATIO}×`,
        met: ratio99 <= P7_GOAL_RATIO,
      },
    ],
    figures,
  };
}
