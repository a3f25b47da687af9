import { describe, expect, it } from 'vitest';
import { PilotApiError, createPilotApi, unwrap, type ResponseOf } from './index.js';

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** A fetch that records each request and answers from `reply`, standing in for SvelteKit's fetch. */
function fakeFetch(reply: (request: Request) => Response) {
  const seen: Seen[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.clone().text(),
    });
    return reply(request);
  };
  return { fetch, seen };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createPilotApi', () => {
  it('calls the typed routes with the base URL, bearer token and language', async () => {
    const funnel: ResponseOf<'get', '/dashboard/pilot-funnel'> = {
      total: 3,
      byStage: {
        key: 'pilots-by-stage',
        title: { zh: '各阶段试点数', en: 'Pilots per stage' },
        kind: 'funnel',
        categories: [],
        series: [],
      },
      byPhase: {
        key: 'pilots-by-phase',
        title: { zh: '各环节试点数', en: 'Pilots per phase' },
        kind: 'bar',
        categories: [],
        series: [],
      },
    };
    const { fetch, seen } = fakeFetch(() => json(200, funnel));
    const api = createPilotApi({ baseUrl: 'http://api.test:3100/', token: 'tok-1', locale: 'en', fetch });
    const data = unwrap(
      await api.GET('/dashboard/pilot-funnel', {
        params: { query: { months: 6, firmId: 'firm-xiangshun' } },
      }),
    );
    expect(data.total).toBe(3);
    expect(seen[0]!.url).toBe('http://api.test:3100/dashboard/pilot-funnel?months=6&firmId=firm-xiangshun');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer tok-1');
    expect(seen[0]!.headers.get('accept-language')).toBe('en');
  });

  it('fills path parameters, sends JSON bodies and reads the token afresh on each call', async () => {
    let token = 'first';
    const { fetch, seen } = fakeFetch(() => json(200, { status: 'published' }));
    const api = createPilotApi({ baseUrl: 'http://api.test', token: () => token, fetch });
    await api.POST('/catalogue/versions/{id}/publish', {
      params: { path: { id: '2025.1' } },
      body: { version: '2025.1', fingerprint: 'fnv1a64:0123456789abcdef' },
    });
    token = 'rotated';
    await api.GET('/catalogue/versions/{id}', { params: { path: { id: '2025.1' } } });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST http://api.test/catalogue/versions/2025.1/publish',
      'GET http://api.test/catalogue/versions/2025.1',
    ]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ version: '2025.1', fingerprint: 'fnv1a64:0123456789abcdef' });
    expect(seen.map((s) => s.headers.get('authorization'))).toEqual(['Bearer first', 'Bearer rotated']);
    expect(seen[0]!.headers.has('accept-language')).toBe(false);
  });

  it('turns the API error shape into a PilotApiError with its status, reasons and issues', async () => {
    const refusal = {
      error: {
        code: 'refused',
        message: '草稿内容已变化',
        requestId: 'req-1',
        reasons: [{ code: 'catalogue_fingerprint_changed', zh: '草稿内容已变化', en: 'The draft changed' }],
      },
    };
    const { fetch } = fakeFetch(() => json(409, refusal));
    const api = createPilotApi({ baseUrl: 'http://api.test', token: 't', fetch });
    const result = await api.POST('/catalogue/versions/{id}/publish', {
      params: { path: { id: '2025.1' } },
      body: { version: '2025.1', fingerprint: 'fnv1a64:0123456789abcdef' },
    });
    const error = (() => {
      try {
        unwrap(result);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(PilotApiError);
    expect((error as PilotApiError).status).toBe(409);
    expect((error as PilotApiError).body?.error.reasons?.[0]?.code).toBe('catalogue_fingerprint_changed');
    expect((error as PilotApiError).message).toBe('草稿内容已变化');
  });

  it('downloads CSV as text when asked', async () => {
    const csv = '\uFEFF试点编号,小区\r\nenr-1,玫瑰家园\r\n';
    const { fetch } = fakeFetch(
      () => new Response(csv, { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    );
    const api = createPilotApi({ baseUrl: 'http://api.test', token: 't', fetch });
    const { data, response } = await api.GET('/exports/pilots.csv', {
      params: { query: { stage: 'improvement' } },
      parseAs: 'text',
    });
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(data).toContain('玫瑰家园');
  });
});
