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

  it('refuses a wrong password with 401 and locks the account after five failures', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        (await api.anonymous.post('/auth/login', { username: 'resident.han', password: 'wrong-password' }))
          .status,
      ).toBe(401);
    }
    const locked = await api.anonymous.post<{ error: { code: string } }>('/auth/login', {
      username: 'resident.han',
      password: 'wrong-password',
    });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('account_locked');
    // Even the right password is refused while locked.
    expect(
      (await api.anonymous.post('/auth/login', { username: 'resident.han', password: 'Pilot@2024' })).status,
    ).toBe(423);
    expect(
      (await api.anonymous.post('/auth/login', { username: 'nobody', password: 'whatever1' })).status,
    ).toBe(401);
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
      password: 'long-enough-1',
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
