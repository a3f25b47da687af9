import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startApi, type ApiHarness } from '../test-support/api-harness.js';

describe('auth and users over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  it('logs in, answers who am I, rotates and logs out', async () => {
    const admin = await api.as('admin.jinshui');
    const me = await admin.get<{ role: string }>('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('admin');
    const rotated = await admin.post<{ token: string }>('/auth/refresh');
    expect(rotated.status).toBe(200);
    expect((await admin.get('/auth/me')).status).toBe(401);
    const fresh = new ApiClient(api.baseUrl, rotated.body.token);
    expect((await fresh.get('/auth/me')).status).toBe(200);
    expect((await fresh.post('/auth/logout')).status).toBe(204);
    expect((await fresh.get('/auth/me')).status).toBe(401);
  });

  it('refuses a wrong password with 401 and holds this address back after five failures', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const attempt = (password: string, address: string) =>
      api.anonymous.post<{ error: { code: string; retryAfterSeconds: number } }>(
        '/auth/login',
        { username: 'resident.han', password },
        from(address),
      );
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password', '198.51.100.7')).status).toBe(401);
    const blocked = await attempt('wrong-password', '198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(blocked.body.error.retryAfterSeconds).toBe(Number(blocked.headers.get('retry-after')));
    // Even the right password waits at that address; the owner elsewhere is not locked out.
    expect((await attempt('Pilot@2024', '198.51.100.7')).status).toBe(429);
    expect((await attempt('Pilot@2024', '203.0.113.20')).status).toBe(200);
  });

  it('says the username or password is wrong, the same way for unknown users and wrong passwords', async () => {
    type Failure = { error: { code: string; message: string; requestId: string } };
    const wrong = await api.anonymous.post<Failure>('/auth/login', {
      username: 'coord.wang',
      password: 'not-the-password',
    });
    const unknown = await api.anonymous.post<Failure>('/auth/login', {
      username: 'nobody.here',
      password: 'not-the-password',
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error).toMatchObject({ code: 'invalid_credentials', message: '用户名或密码错误。' });
    expect(unknown.body.error).toEqual({ ...wrong.body.error, requestId: unknown.body.error.requestId });
    expect(wrong.body.error.message).not.toContain('登录');
    const en = await api.anonymous.post<Failure>(
      '/auth/login',
      { username: 'coord.wang', password: 'not-the-password' },
      { 'accept-language': 'en' },
    );
    expect(en.body.error.message).toBe('Wrong username or password.');
    // A missing or expired session still asks to log in.
    const anonymous = await api.anonymous.get<Failure>('/auth/me');
    expect(anonymous.body.error).toMatchObject({ code: 'unauthenticated', message: '请先登录。' });
    // The right password still works afterwards (one failure does not lock).
    expect((await api.as('coord.wang')).token).toBeTruthy();
  });

  it('answers the framework’s own errors in the caller language too', async () => {
    type Failure = { error: { code: string; message: string; detail?: string } };
    const missing = await api.anonymous.get<Failure>('/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: '找不到请求的地址。' });
    const broken = await fetch(`${api.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "coord.wang", ',
    });
    const body = (await broken.json()) as Failure;
    expect(broken.status).toBe(400);
    expect(body.error.message).toMatch(/^请求内容无法解析/);
    expect(body.error.message.replace('JSON', '')).not.toMatch(/[A-Za-z]/);
    expect(body.error.detail).toBeTruthy(); // Fastify's own words, for whoever debugs the client
    const brokenEn = await fetch(`${api.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: '{',
    });
    expect(((await brokenEn.json()) as Failure).error.message).toMatch(/^The request could not be read/);
  });

  it('answers a malformed body with 400 naming the field, in the caller language', async () => {
    const zh = await api.anonymous.post<{
      error: { code: string; issues: Array<{ path: string; message: string }> };
    }>('/auth/login', { username: '' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.issues.map((i) => i.path).sort()).toEqual(['password', 'username']);
    expect(zh.body.error.issues.find((i) => i.path === 'password')!.message).toContain('密码');
    const en = await api.anonymous.post<{ error: { issues: Array<{ path: string; message: string }> } }>(
      '/auth/login',
      { username: '' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.body.error.issues.find((i) => i.path === 'password')!.message).toContain('Password');
  });

  it('lets only admins manage users, audits each change, and replays an idempotent create', async () => {
    const inspector = await api.as('insp.zhang');
    expect((await inspector.get('/users')).status).toBe(403);
    expect((await api.anonymous.get('/users')).status).toBe(401);
    const admin = await api.as('admin.jinshui');
    const body = {
      username: 'new.inspector',
      displayName: '新检查员',
      role: 'inspector',
      password: 'Xunjian#2026a',
    };
    const headers = { 'idempotency-key': 'create-new-inspector-1' };
    const first = await admin.post<{ id: string }>('/users', body, headers);
    expect(first.status).toBe(201);
    const again = await admin.post<{ id: string }>('/users', body, headers);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const reused = await admin.post('/users', { ...body, username: 'other.name' }, headers);
    expect(reused.status).toBe(422);
    type Invalid = { error: { issues: Array<{ path: string; message: string }> } };
    const taken = await admin.post<Invalid>('/users', { ...body, username: 'coord.wang' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.issues).toEqual([
      { path: 'username', message: '「用户名」：「coord.wang」已被使用，请换一个用户名' },
    ]);
    const takenEn = await admin.post<Invalid>(
      '/users',
      { ...body, username: 'coord.wang' },
      { 'accept-language': 'en' },
    );
    expect(takenEn.body.error.issues).toEqual([
      { path: 'username', message: 'Username: coord.wang is taken; choose another username' },
    ]);
    const noFirm = await admin.post<Invalid>('/users', {
      ...body,
      username: 'firm.nobody',
      role: 'firm',
      firmId: 'firm-nowhere',
    });
    expect(noFirm.status).toBe(400);
    expect(noFirm.body.error.issues).toEqual([
      { path: 'firmId', message: '「物业企业编号」：没有编号为「firm-nowhere」的物业企业' },
    ]);
    const list = await admin.get<{ items: Array<{ username: string }>; total: number }>(
      '/users?role=inspector',
    );
    expect(list.body.items.map((u) => u.username)).toContain('new.inspector');
    const deactivated = await admin.patch<{ active: boolean }>(`/users/${first.body.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    const audit = await api.runtime.deps.prisma.auditLog.findMany({
      where: { entityId: first.body.id },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.update']);
    expect(audit[0]!.actorId).toBe('usr-admin-jinshui');
  });
});
