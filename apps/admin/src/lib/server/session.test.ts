import { describe, expect, it } from 'vitest';
import { createApi } from './api';
import { REFRESH_WHEN_LEFT_MS, checkSession, decodeSession, encodeSession, safeRedirect } from './session';

const HOUR = 3600_000;
const user = { id: 'u1', username: 'coord.wang', displayName: '王协调员', role: 'coordinator', firmId: null };

/** An API answering from a table of `METHOD path` → [status, body], recording what it was asked. */
function fakeApi(routes: Record<string, [number, unknown]>) {
  const seen: Array<{ route: string; auth: string | null; language: string | null }> = [];
  const api = createApi({
    baseUrl: 'http://api.test',
    locale: 'en',
    token: null,
    fetch: async (request) => {
      const route = `${request.method} ${new URL(request.url).pathname}`;
      seen.push({
        route,
        auth: request.headers.get('authorization'),
        language: request.headers.get('accept-language'),
      });
      const [status, body] = routes[route] ?? [404, { error: { code: 'not_found', message: 'Not found.' } }];
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { api, seen };
}

describe('session cookie', () => {
  it('round-trips the token and its expiry, whatever the token contains', () => {
    const stored = { token: 'abc.def-ghi', expiresAtMs: 1_700_000_000_000 };
    expect(decodeSession(encodeSession(stored))).toEqual(stored);
    expect(decodeSession('garbage')).toBeNull();
    expect(decodeSession(undefined)).toBeNull();
  });

  it('asks /auth/me with the bearer and the language while the token is fresh', async () => {
    const { api, seen } = fakeApi({ 'GET /auth/me': [200, user] });
    const now = Date.now();
    const check = await checkSession(api, { token: 't1', expiresAtMs: now + 10 * HOUR }, now);
    expect(check).toEqual({ kind: 'valid', user, token: 't1' });
    expect(seen).toEqual([{ route: 'GET /auth/me', auth: 'Bearer t1', language: 'en' }]);
  });

  it('rotates a token close to expiry, once, however many requests arrive together', async () => {
    const view = { token: 't2', expiresAt: new Date(Date.now() + 12 * HOUR).toISOString(), user };
    const { api, seen } = fakeApi({ 'POST /auth/refresh': [200, view] });
    const now = Date.now();
    const stored = { token: 'old-token', expiresAtMs: now + REFRESH_WHEN_LEFT_MS - 1 };
    const [a, b] = await Promise.all([checkSession(api, stored, now), checkSession(api, stored, now)]);
    expect(a).toEqual({ kind: 'rotated', user, view });
    expect(b).toEqual(a);
    expect(seen.map((s) => s.route)).toEqual(['POST /auth/refresh']);
  });

  it('drops a token the API refuses, but keeps it when the API is down', async () => {
    const now = Date.now();
    const stored = { token: 't3', expiresAtMs: now + 10 * HOUR };
    const refused = fakeApi({
      'GET /auth/me': [401, { error: { code: 'unauthenticated', message: 'Please log in.' } }],
    });
    expect(await checkSession(refused.api, stored, now)).toEqual({ kind: 'rejected' });
    const down = createApi({
      baseUrl: 'http://api.test',
      locale: 'zh-CN',
      token: null,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(await checkSession(down, stored, now)).toEqual({ kind: 'unavailable' });
    expect(await checkSession(down, { token: 't4', expiresAtMs: now - 1 }, now)).toEqual({
      kind: 'rejected',
    });
  });

  it('only redirects within the site after log-in', () => {
    expect(safeRedirect('/dashboard?months=6')).toBe('/dashboard?months=6');
    expect(safeRedirect('//evil.example/')).toBe('/');
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect(null, '/tasks')).toBe('/tasks');
  });
});
