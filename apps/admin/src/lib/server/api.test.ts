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

  it('keeps 409 reasons and the lock time of a 423', () => {
    const reasons = [{ code: 'task_closed', zh: '任务已关闭。', en: 'The task is closed.' }];
    expect(
      toFailure(409, { error: { code: 'refused', message: '任务已关闭。', reasons } }, 'zh-CN').reasons,
    ).toEqual(reasons);
    const locked = toFailure(
      423,
      { error: { code: 'account_locked', message: 'locked', lockedUntil: '2025-01-01T00:00:00Z' } },
      'en',
    );
    expect(locked.lockedUntil).toBe('2025-01-01T00:00:00Z');
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
