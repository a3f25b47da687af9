import { describe, expect, it } from 'vitest';
import { createApi, fieldErrors, toFailure } from './api';

describe('API errors', () => {
  it('keeps field issues of a 400 so the form can show them by their fields', async () => {
    const body = {
      error: {
        code: 'invalid_input',
        message: '输入有误，请检查标出的字段。',
        requestId: 'r1',
        issues: [
          { path: 'username', message: '「用户名」不能为空' },
          { path: 'password', message: '「密码」不能为空' },
          { path: 'password', message: 'second message for the same field' },
        ],
      },
    };
    const api = createApi({
      baseUrl: 'http://api.test',
      locale: 'zh-CN',
      token: null,
      fetch: async () =>
        new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } }),
    });
    const result = await api.auth.login({ username: '', password: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ status: 400, code: 'invalid_input', requestId: 'r1' });
    expect(fieldErrors(result.error)).toEqual({
      username: '「用户名」不能为空',
      password: '「密码」不能为空',
    });
  });

  it('keeps 409 reasons', () => {
    const reasons = [{ code: 'task_closed', zh: '任务已关闭。', en: 'The task is closed.' }];
    expect(
      toFailure(409, { error: { code: 'refused', message: '任务已关闭。', reasons } }, 'zh-CN').reasons,
    ).toEqual(reasons);
  });

  it('keeps when a 429 may be tried again, from the body or else from Retry-After', () => {
    const throttled = toFailure(
      429,
      {
        error: {
          code: 'too_many_attempts',
          message: '尝试次数过多',
          retryAt: '2026-01-01T08:05:00.000Z',
          retryAfterSeconds: 300,
        },
      },
      'zh-CN',
      new Headers({ 'retry-after': '300' }),
    );
    expect(throttled).toMatchObject({
      status: 429,
      code: 'too_many_attempts',
      retryAt: '2026-01-01T08:05:00.000Z',
      retryAfterSeconds: 300,
    });
    // A limiter in front of the API may send only the header.
    const bare = toFailure(429, null, 'en', new Headers({ 'retry-after': '90' }));
    expect(bare.retryAfterSeconds).toBe(90);
    expect(Date.parse(bare.retryAt ?? '') - Date.now()).toBeGreaterThan(85_000);
    // Other statuses carry no retry time, even with the header.
    expect(toFailure(503, null, 'en', new Headers({ 'retry-after': '5' }))).not.toHaveProperty('retryAt');
    expect(toFailure(429, { error: { code: 'too_many_attempts', message: 'x' } }, 'en')).not.toHaveProperty(
      'retryAt',
    );
  });

  it("forwards the browser's address, so the API counts each user's attempts by their own", async () => {
    const seen: Array<string | null> = [];
    const answer = async (request: Request) => {
      seen.push(request.headers.get('x-forwarded-for'));
      return new Response(null, { status: 204 });
    };
    const api = createApi({
      baseUrl: 'http://api.test',
      locale: 'zh-CN',
      token: null,
      clientAddress: '203.0.113.7',
      fetch: answer,
    });
    await api.auth.logout();
    // Also after the bearer changes (log-in, rotation).
    await api.withToken('t').auth.changePassword({ currentPassword: 'a', newPassword: 'b' });
    await api.call((c) => c.GET('/dashboard', { params: { query: { months: 12 } } }));
    expect(seen).toEqual(['203.0.113.7', '203.0.113.7', '203.0.113.7']);
    // IPv6 too; anything that is not an address is not forwarded.
    for (const [address, expected] of [
      ['2001:db8::1', '2001:db8::1'],
      ['::ffff:127.0.0.1', '::ffff:127.0.0.1'],
      ['not an address', null],
      ['', null],
      [null, null],
    ] as const) {
      seen.length = 0;
      await createApi({
        baseUrl: 'http://api.test',
        locale: 'en',
        token: null,
        clientAddress: address,
        fetch: answer,
      }).auth.logout();
      expect(seen, String(address)).toEqual([expected]);
    }
  });

  it('changes the password with POST /auth/password and keeps its field issues', async () => {
    const requests: Array<{ method: string; path: string; body: unknown; auth: string | null }> = [];
    const api = createApi({
      baseUrl: 'http://api.test',
      locale: 'zh-CN',
      token: 'tok',
      fetch: async (request) => {
        requests.push({
          method: request.method,
          path: new URL(request.url).pathname,
          body: await request.json(),
          auth: request.headers.get('authorization'),
        });
        return new Response(
          JSON.stringify({
            error: {
              code: 'invalid_input',
              message: '输入有误',
              issues: [{ path: 'currentPassword', message: '「当前密码」：当前密码不正确' }],
            },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        );
      },
    });
    const result = await api.auth.changePassword({ currentPassword: 'old', newPassword: 'New-Pass-2026' });
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/auth/password',
        body: { currentPassword: 'old', newPassword: 'New-Pass-2026' },
        auth: 'Bearer tok',
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(fieldErrors(result.error)).toEqual({ currentPassword: '「当前密码」：当前密码不正确' });
  });

  it('turns a proxy error page or a dead API into a readable message', () => {
    expect(toFailure(502, null, 'en')).toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('cannot be reached'),
    });
    expect(
      toFailure(500, { error: { code: 'internal', message: 'internal error', requestId: 'r9' } }, 'zh-CN'),
    ).toMatchObject({
      code: 'internal',
      requestId: 'r9',
    });
  });

  it('answers 503 unreachable when nothing answers', async () => {
    const api = createApi({
      baseUrl: 'http://api.test',
      locale: 'en',
      token: 't',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    const result = await api.call((c) => c.GET('/dashboard', { params: { query: { months: 12 } } }));
    expect(result).toMatchObject({ ok: false, error: { status: 503, code: 'unreachable' } });
  });
});
