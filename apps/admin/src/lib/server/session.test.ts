import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { SessionUser, SessionView } from '$lib/api/types';
import { createApi } from './api';
import {
  REFRESH_WHEN_LEFT_MS,
  SESSION_COOKIE,
  checkSession,
  decodeSession,
  encodeSession,
  safeRedirect,
  sessionStep,
  writeSessionCookie,
  type StoredSession,
} from './session';

const HOUR = 3600_000;
const MINUTE = 60_000;
const user: SessionUser = {
  id: 'u1',
  username: 'coord.wang',
  displayName: '王协调员',
  role: 'coordinator',
  firmId: null,
  mustChangePassword: false,
};

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

const unauthenticated: [number, unknown] = [
  401,
  { error: { code: 'unauthenticated', message: 'Please log in.' } },
];

describe('session cookie', () => {
  it('round-trips the token and both times, whatever the token contains', () => {
    const stored = { token: 'abc.def-ghi', expiresAtMs: 1_700_000_000_000, endsAtMs: 1_700_036_000_000 };
    expect(encodeSession(stored)).toBe('1700000000000-1700036000000.abc.def-ghi');
    expect(decodeSession(encodeSession(stored))).toEqual(stored);
    expect(decodeSession('garbage')).toBeNull();
    expect(decodeSession('12-x.token')).toBeNull();
    expect(decodeSession('1700000000000-.token')).toBeNull();
    expect(decodeSession('1700000000000-1700036000000.')).toBeNull();
    expect(decodeSession(undefined)).toBeNull();
  });

  it('still reads cookies written before the sign-in had an absolute end', () => {
    expect(decodeSession('1700000000000.old-token')).toEqual({
      token: 'old-token',
      expiresAtMs: 1_700_000_000_000,
      endsAtMs: null,
    });
    expect(encodeSession({ token: 't', expiresAtMs: 5, endsAtMs: null })).toBe('5.t');
  });

  it('keeps the cookie until the absolute end, since the API slides the idle expiry with use', () => {
    const set: Array<{ name: string; value: string; options: Record<string, unknown> }> = [];
    const cookies = {
      set: (name: string, value: string, options: Record<string, unknown>) =>
        set.push({ name, value, options }),
    } as unknown as Cookies; // only `set` is called; a whole Cookies jar is not needed for this
    const now = Date.parse('2026-01-01T00:00:00Z');
    const view: SessionView = {
      token: 'tok',
      expiresAt: '2026-01-01T02:00:00Z',
      endsAt: '2026-01-01T12:00:00Z',
      user,
    };
    const stored = writeSessionCookie(cookies, new URL('https://admin.test/'), view, now);
    expect(stored).toEqual({ token: 'tok', expiresAtMs: now + 2 * HOUR, endsAtMs: now + 12 * HOUR });
    expect(set).toEqual([
      {
        name: SESSION_COOKIE,
        value: `${now + 2 * HOUR}-${now + 12 * HOUR}.tok`,
        options: expect.objectContaining({ httpOnly: true, secure: true, maxAge: 12 * 3600 }),
      },
    ]);
  });
});

describe('when to rotate', () => {
  const now = Date.parse('2026-01-01T08:00:00Z');
  const at = (expiresIn: number, endsIn: number | null): StoredSession => ({
    token: 't',
    expiresAtMs: now + expiresIn,
    endsAtMs: endsIn === null ? null : now + endsIn,
  });

  it('asks while plenty of idle time is left', () => {
    expect(sessionStep(at(2 * HOUR, 10 * HOUR), now)).toBe('ask');
    expect(sessionStep(at(REFRESH_WHEN_LEFT_MS + 1, 10 * HOUR), now)).toBe('ask');
  });

  it('rotates when less than half an hour is left, or when the copy in the cookie ran out', () => {
    expect(REFRESH_WHEN_LEFT_MS).toBe(30 * MINUTE);
    expect(sessionStep(at(29 * MINUTE, 10 * HOUR), now)).toBe('rotate');
    // The API may have slid the expiry since the cookie heard of it; the rotation finds out.
    expect(sessionStep(at(-10 * MINUTE, 10 * HOUR), now)).toBe('rotate');
    // An old cookie knows no end: rotate as before, and learn the end from the answer.
    expect(sessionStep(at(10 * MINUTE, null), now)).toBe('rotate');
    expect(sessionStep(at(3 * HOUR, null), now)).toBe('ask');
  });

  it('never rotates when rotating cannot extend: the idle expiry is the absolute end', () => {
    expect(sessionStep(at(20 * MINUTE, 20 * MINUTE), now)).toBe('ask');
    expect(sessionStep(at(MINUTE, MINUTE), now)).toBe('ask');
    // Some minutes short of the end, a rotation still buys those minutes.
    expect(sessionStep(at(20 * MINUTE, 25 * MINUTE), now)).toBe('rotate');
  });

  it('ends at the absolute end, whatever the idle expiry says', () => {
    expect(sessionStep(at(0, 0), now)).toBe('ended');
    expect(sessionStep(at(HOUR, -1), now)).toBe('ended');
  });
});

describe('checking a session', () => {
  it('asks /auth/me with the bearer and the language while the token is fresh', async () => {
    const { api, seen } = fakeApi({ 'GET /auth/me': [200, user] });
    const now = Date.now();
    const check = await checkSession(
      api,
      { token: 't1', expiresAtMs: now + HOUR, endsAtMs: now + 10 * HOUR },
      now,
    );
    expect(check).toEqual({ kind: 'valid', user, token: 't1' });
    expect(seen).toEqual([{ route: 'GET /auth/me', auth: 'Bearer t1', language: 'en' }]);
  });

  it('rotates a token close to expiry, once, however many requests arrive together', async () => {
    const now = Date.now();
    const view = {
      token: 't2',
      expiresAt: new Date(now + 2 * HOUR).toISOString(),
      endsAt: new Date(now + 8 * HOUR).toISOString(),
      user,
    };
    const { api, seen } = fakeApi({ 'POST /auth/refresh': [200, view] });
    const stored = {
      token: 'old-token',
      expiresAtMs: now + REFRESH_WHEN_LEFT_MS - 1,
      endsAtMs: now + 8 * HOUR,
    };
    const [a, b] = await Promise.all([checkSession(api, stored, now), checkSession(api, stored, now)]);
    expect(a).toEqual({ kind: 'rotated', user, view });
    expect(b).toEqual(a);
    expect(seen.map((s) => s.route)).toEqual(['POST /auth/refresh']);
  });

  it('in the last stretch asks /auth/me on every request instead of rotating', async () => {
    const { api, seen } = fakeApi({ 'GET /auth/me': [200, user] });
    const now = Date.now();
    const stored = { token: 'last', expiresAtMs: now + 10 * MINUTE, endsAtMs: now + 10 * MINUTE };
    expect(await checkSession(api, stored, now)).toEqual({ kind: 'valid', user, token: 'last' });
    expect(seen.map((s) => s.route)).toEqual(['GET /auth/me']);
  });

  it('says the sign-in ended once past its end, without asking the API', async () => {
    const { api, seen } = fakeApi({});
    const now = Date.now();
    expect(
      await checkSession(api, { token: 'e', expiresAtMs: now - MINUTE, endsAtMs: now - 1 }, now),
    ).toEqual({
      kind: 'ended',
    });
    expect(seen).toEqual([]);
  });

  it('reads a refusal right at the end as the end (the two clocks differ a little)', async () => {
    const now = Date.now();
    const { api } = fakeApi({ 'GET /auth/me': unauthenticated });
    const stored = { token: 'skew', expiresAtMs: now + 20 * 1000, endsAtMs: now + 20 * 1000 };
    expect(await checkSession(api, stored, now)).toEqual({ kind: 'ended' });
  });

  it('drops a token the API refuses, but keeps it when the API is down', async () => {
    const now = Date.now();
    const stored = { token: 't3', expiresAtMs: now + HOUR, endsAtMs: now + 10 * HOUR };
    const refused = fakeApi({ 'GET /auth/me': unauthenticated, 'POST /auth/refresh': unauthenticated });
    expect(await checkSession(refused.api, stored, now)).toEqual({ kind: 'rejected' });
    // Unused too long: the cookie's copy ran out, the API confirms, and it is "expired", not "ended".
    expect(
      await checkSession(refused.api, { token: 't5', expiresAtMs: now - 1, endsAtMs: now + 6 * HOUR }, now),
    ).toEqual({ kind: 'rejected' });
    const down = createApi({
      baseUrl: 'http://api.test',
      locale: 'zh-CN',
      token: null,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(await checkSession(down, stored, now)).toEqual({ kind: 'unavailable' });
    expect(await checkSession(down, { token: 't4', expiresAtMs: now - 1, endsAtMs: null }, now)).toEqual({
      kind: 'unavailable',
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
