import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startApi, type ApiHarness } from '../test-support/api-harness.js';

type Invalid = { error: { code: string; issues: Array<{ path: string; message: string }> } };

describe('passwords: policy, forced change, own change, session lifetime', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  beforeAll(async () => {
    api = await startApi();
    admin = await api.as('admin.jinshui');
  });
  afterAll(async () => api?.close());

  const login = (username: string, password: string) =>
    api.anonymous.post<{ token: string; endsAt: string; user: { mustChangePassword: boolean } }>(
      '/auth/login',
      { username, password },
    );

  it('holds new passwords to the policy with a message per field, in zh-CN and English', async () => {
    const body = { username: 'li.jianchayuan', displayName: '李检查员', role: 'inspector' };
    const cases: Array<[string, string]> = [
      ['12345678', '「密码」至少需要 10 个字'],
      ['abcdefghijkl', '「密码」：须包含大写字母、小写字母、数字和符号中的至少 3 类'],
      ['Li.Jianchayuan9', '「密码」：不能包含用户名'],
      ['P@ssw0rd2026', '「密码」：太容易被猜到（常见密码、键盘顺序、重复字符、日期或个人信息），请换一个'],
      ['Qwertyuiop1!', '「密码」：太容易被猜到（常见密码、键盘顺序、重复字符、日期或个人信息），请换一个'],
    ];
    for (const [password, message] of cases) {
      const refused = await admin.post<Invalid>('/users', { ...body, password });
      expect(refused.status, password).toBe(400);
      expect(
        refused.body.error.issues.map((i) => i.message),
        password,
      ).toContain(message);
    }
    const en = await admin.post<Invalid>(
      '/users',
      { ...body, password: 'P@ssw0rd2026' },
      { 'accept-language': 'en' },
    );
    expect(en.body.error.issues[0]!.message).toMatch(/^Password: is too easy to guess/);
    // Nothing was created by the refusals.
    expect(await api.runtime.deps.prisma.user.count({ where: { username: body.username } })).toBe(0);
  });

  it('makes a user whose password an admin set choose their own before anything else', async () => {
    const created = await admin.post<{ id: string; mustChangePassword: boolean }>('/users', {
      username: 'zhao.jiancha',
      displayName: '赵检查员',
      role: 'inspector',
      password: 'Chushi#Mima26',
    });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);
    const first = await login('zhao.jiancha', 'Chushi#Mima26');
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
    const user = new ApiClient(api.baseUrl, first.body.token);
    const other = new ApiClient(api.baseUrl, (await login('zhao.jiancha', 'Chushi#Mima26')).body.token);
    // Only 我的信息, 修改密码 and 退出 are open.
    expect((await user.get('/auth/me')).status).toBe(200);
    const held = await user.get<{ error: { code: string; message: string } }>('/tasks');
    expect(held.status).toBe(403);
    expect(held.body.error).toMatchObject({
      code: 'password_change_required',
      message: '请先修改初始密码，再继续使用。',
    });

    const wrongCurrent = await user.post<Invalid>('/auth/password', {
      currentPassword: 'not-it',
      newPassword: 'Zhao#Xunjian2026',
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.issues).toEqual([
      { path: 'currentPassword', message: '「当前密码」：当前密码不正确' },
    ]);
    const weak = await user.post<Invalid>('/auth/password', {
      currentPassword: 'Chushi#Mima26',
      newPassword: 'Zhao.Jiancha1',
    });
    expect(weak.body.error.issues.map((i) => i.path)).toEqual(['newPassword']);
    const changed = await user.post('/auth/password', {
      currentPassword: 'Chushi#Mima26',
      newPassword: 'Lantian#Baiyun88',
    });
    expect(changed.status).toBe(204);
    // This session goes on, now unrestricted; the other one ended; the old password is gone.
    expect((await user.get('/tasks')).status).toBe(200);
    expect((await other.get('/auth/me')).status).toBe(401);
    expect((await login('zhao.jiancha', 'Chushi#Mima26')).status).toBe(401);
    const again = await login('zhao.jiancha', 'Lantian#Baiyun88');
    expect(again.body.user.mustChangePassword).toBe(false);

    // An admin's reset brings the obligation back and ends every session.
    const reset = await admin.post(`/users/${created.body.id}/password`, { newPassword: 'Chongzhi#Mima27' });
    expect(reset.status).toBe(204);
    expect((await user.get('/auth/me')).status).toBe(401);
    expect((await login('zhao.jiancha', 'Chongzhi#Mima27')).body.user.mustChangePassword).toBe(true);
    const actions = await api.runtime.deps.prisma.auditLog.findMany({
      where: { entityId: created.body.id, action: { in: ['auth.password_changed', 'user.reset_password'] } },
      orderBy: { seq: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(['auth.password_changed', 'user.reset_password']);
  });

  it('ends a sign-in at its absolute end however busy, and rotation keeps that end', async () => {
    const first = await login('coord.wang', 'Pilot@2024');
    const client = new ApiClient(api.baseUrl, first.body.token);
    const rotated = await client.post<{ token: string; endsAt: string }>('/auth/refresh');
    expect(rotated.body.endsAt).toBe(first.body.endsAt);
    const hours = (Date.parse(first.body.endsAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const fresh = new ApiClient(api.baseUrl, rotated.body.token);
    expect((await fresh.get('/auth/me')).status).toBe(200);
    // The end arrives (moved into the past): the token stops although it was used a moment ago.
    await api.runtime.deps.prisma.session.updateMany({
      where: { rotatedFrom: { not: null }, revokedAt: null, user: { username: 'coord.wang' } },
      data: { endsAt: new Date(Date.now() - 1000) },
    });
    expect((await fresh.get('/auth/me')).status).toBe(401);
  });

  it('takes the Bearer scheme in any case, sends security headers and lets no answer be cached', async () => {
    const token = (await login('insp.zhang', 'Pilot@2024')).body.token;
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await fetch(`${api.baseUrl}/auth/me`, {
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(response.status, scheme).toBe(200);
    }
    const answer = await fetch(`${api.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'insp.zhang', password: 'Pilot@2024' }),
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
