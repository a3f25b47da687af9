// 居民注册 and the 扫码报事 posters over HTTP, against the real API on PGlite: an applicant registers
// without an account, bad forms write nothing, the coordinator approves and the new resident logs
// in and reports for the compound; a rejection; a unit of another community neither sees nor
// decides; the poster is a PDF with the compound's name and the link the configured UI base gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startApi, type ApiHarness } from '../test-support/api-harness.js';
import { pdfText } from '../test-support/pdf-tools.js';
import type {
  RegistrationReceipt,
  ReportLink,
  ResidentApplicationPage,
  ResidentApplicationView,
} from './resident-application.dto.js';

interface ErrorBody {
  error: { code: string; issues?: Array<{ path: string; message: string }> };
}

const COMPOUND = 'cmp-meiguijiayuan';
const PASSWORD = 'Qm7#tLw9!pZr';

describe('居民注册 and 扫码报事 over HTTP', () => {
  let api: ApiHarness;
  let coordinator: ApiClient;
  let jinshuiUnit: ApiClient;
  let donghuUnit: ApiClient;

  beforeAll(async () => {
    api = await startApi({ env: { PUBLIC_ADMIN_URL: 'https://pilot.example.gov.cn/' } });
    // A unit of another community (东湖社区居委会) with a staff account, signed in like the demo ones.
    const { prisma } = api.runtime.deps;
    const template = await prisma.user.findUniqueOrThrow({ where: { username: 'party.jsyjwh' } });
    await prisma.user.create({
      data: {
        id: 'usr-party-dhjwh',
        username: 'party.dhjwh',
        displayName: '东湖社区居委会',
        role: 'party',
        partyId: 'pty-dh-jwh',
        passwordHash: template.passwordHash,
      },
    });
    [coordinator, jinshuiUnit, donghuUnit] = await Promise.all([
      api.as('coord.wang'),
      api.as('party.jsyjwh'),
      api.as('party.dhjwh'),
    ]);
  });
  afterAll(async () => api?.close());

  const form = (username: string) => ({
    compoundId: COMPOUND,
    displayName: '刘芳',
    phone: '13905318888',
    residence: '5号楼2单元301',
    username,
    password: PASSWORD,
  });

  const applications = () => api.runtime.deps.prisma.residentApplication.count();

  it('refuses bad forms with the field named in Chinese, writing nothing', async () => {
    const before = await applications();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...form('liu.fang'), password: 'short1' }, 'password', '「密码」'],
      [{ ...form('liu.fang'), password: 'liu.fang#2026X' }, 'password', '不能包含用户名'],
      [{ ...form('liu.fang'), phone: '0531-1234' }, 'phone', '11 位手机号码'],
      [{ ...form('liu.fang'), compoundId: 'cmp-nowhere' }, 'compoundId', '没有这个小区'],
    ];
    for (const [body, path, words] of cases) {
      const response = await api.anonymous.post<ErrorBody>('/residents/applications', body, {
        'accept-language': 'zh-CN',
      });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      const issue = response.body.error.issues?.find((i) => i.path === path);
      expect(issue?.message, JSON.stringify(response.body)).toContain(words);
    }
    expect(await applications()).toBe(before);
  });

  it('registers, approves once (twice the same account), and the resident logs in and reports', async () => {
    const registered = await api.anonymous.post<RegistrationReceipt>(
      '/residents/applications',
      form('liu.fang'),
    );
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body).toEqual({ id: registered.body.id, status: 'pending', compoundName: '玫瑰家园' });
    expect(JSON.stringify(registered.body)).not.toContain('scrypt');

    // Not yet an account: log-in fails like for any unknown name.
    const early = await api.anonymous.post('/auth/login', { username: 'liu.fang', password: PASSWORD });
    expect(early.status).toBe(401);

    // The name is held while the application waits, and an account's name is never free.
    for (const username of ['liu.fang', 'resident.han']) {
      const taken = await api.anonymous.post<ErrorBody>('/residents/applications', form(username), {
        'accept-language': 'zh-CN',
      });
      expect(taken.status).toBe(409);
      expect(taken.body.error.issues?.[0]).toMatchObject({ path: 'username' });
      expect(taken.body.error.issues?.[0]?.message).toContain('已被使用');
    }

    const queue = await coordinator.get<ResidentApplicationPage>(
      '/residents/applications?status=pending&communityId=com-jinshuiyuan',
    );
    expect(queue.status).toBe(200);
    const listed = queue.body.items.find((item) => item.id === registered.body.id);
    expect(listed).toMatchObject({ username: 'liu.fang', residence: '5号楼2单元301', status: 'pending' });
    expect(JSON.stringify(queue.body)).not.toContain('passwordHash');
    // The community's own unit sees it too; another community's unit neither sees nor decides it.
    const ownUnit = await jinshuiUnit.get<ResidentApplicationPage>('/residents/applications');
    expect(ownUnit.body.items.map((item) => item.id)).toContain(registered.body.id);
    const otherUnit = await donghuUnit.get<ResidentApplicationPage>('/residents/applications');
    expect(otherUnit.body.items).toEqual([]);
    const intruder = await donghuUnit.post(`/residents/applications/${registered.body.id}/approve`);
    expect(intruder.status).toBe(404);

    const approved = await coordinator.post<ResidentApplicationView>(
      `/residents/applications/${registered.body.id}/approve`,
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedById: 'usr-coord-wang' });
    expect(approved.body.userId).toMatch(/^usr-[0-9a-f-]{36}$/);
    const again = await coordinator.post<ResidentApplicationView>(
      `/residents/applications/${registered.body.id}/approve`,
    );
    expect(again.body.userId).toBe(approved.body.userId);
    const user = await api.runtime.deps.prisma.user.findUniqueOrThrow({ where: { username: 'liu.fang' } });
    expect(user).toMatchObject({
      id: approved.body.userId,
      role: 'resident',
      compoundId: COMPOUND,
      residence: '5号楼2单元301',
      phone: '13905318888',
      mustChangePassword: false,
    });
    const audit = await api.runtime.deps.prisma.auditLog.findMany({
      where: { entityId: { in: [user.id, registered.body.id] } },
      select: { action: true },
    });
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      'resident_application.approve',
      'resident_application.create',
      'user.create',
    ]);

    // Rejecting an approved application is refused; the account stays.
    const late = await coordinator.post(`/residents/applications/${registered.body.id}/reject`, {
      reason: '核实无此住户',
    });
    expect(late.status).toBe(409);

    const login = await api.anonymous.post<{ token: string }>('/auth/login', {
      username: 'liu.fang',
      password: PASSWORD,
    });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    const resident = new ApiClient(api.baseUrl, login.body.token);
    const reported = await resident.post<{ compound: { id: string } | null }>('/matters', {
      category: 'facilities',
      location: '5号楼单元门',
      description: '单元门禁坏了，门关不上。',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body.compound?.id).toBe(COMPOUND);
  });

  it('rejects with a reason, and an approval after the name was taken is refused', async () => {
    const first = await api.anonymous.post<RegistrationReceipt>('/residents/applications', form('zhou.lei'));
    expect(first.status).toBe(201);
    const rejected = await jinshuiUnit.post<ResidentApplicationView>(
      `/residents/applications/${first.body.id}/reject`,
      { reason: '房号与登记不符，请到社区核实' },
    );
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '房号与登记不符，请到社区核实' });
    expect((await coordinator.post(`/residents/applications/${first.body.id}/approve`)).status).toBe(409);
    const login = await api.anonymous.post('/auth/login', { username: 'zhou.lei', password: PASSWORD });
    expect(login.status).toBe(401);

    const second = await api.anonymous.post<RegistrationReceipt>('/residents/applications', form('sun.yu'));
    expect(second.status).toBe(201);
    const template = await api.runtime.deps.prisma.user.findUniqueOrThrow({
      where: { username: 'resident.han' },
    });
    await api.runtime.deps.prisma.user.create({
      data: {
        id: 'usr-sun-yu',
        username: 'sun.yu',
        displayName: '孙宇',
        role: 'coordinator',
        passwordHash: template.passwordHash,
      },
    });
    const refused = await coordinator.post<ErrorBody>(`/residents/applications/${second.body.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues?.[0]?.path).toBe('username');
  });

  it('links and prints the 扫码报事 poster for the community’s staff only', async () => {
    const link = await coordinator.get<ReportLink>(`/compounds/${COMPOUND}/report-link`);
    expect(link.status).toBe(200);
    expect(link.body).toEqual({
      url: `https://pilot.example.gov.cn/report?compound=${COMPOUND}`,
      compoundName: '玫瑰家园',
    });
    expect((await jinshuiUnit.get(`/compounds/${COMPOUND}/report-link`)).status).toBe(200);
    expect((await donghuUnit.get(`/compounds/${COMPOUND}/report-link`)).status).toBe(404);
    expect((await donghuUnit.get(`/compounds/${COMPOUND}/report-poster.pdf`)).status).toBe(404);
    // A resident reads their own compound's link (the report form names it), no other's, and no poster.
    const han = await api.as('resident.han');
    expect((await han.get<ReportLink>(`/compounds/${COMPOUND}/report-link`)).body.compoundName).toBe(
      '玫瑰家园',
    );
    expect((await han.get('/compounds/cmp-donghuyayuan/report-link')).status).toBe(404);
    expect((await han.get(`/compounds/${COMPOUND}/report-poster.pdf`)).status).toBe(403);

    const poster = await fetch(`${api.baseUrl}/compounds/${COMPOUND}/report-poster.pdf`, {
      headers: { authorization: `Bearer ${coordinator.token ?? ''}` },
    });
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toContain('application/pdf');
    const bytes = new Uint8Array(await poster.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('%PDF');
    const text = (await pdfText(bytes)).replace(/\s+/g, '');
    for (const words of ['扫码报事', '玫瑰家园', '锦水园社区', '锦水街道', '扫码登录或注册', '我的事项']) {
      expect(text).toContain(words);
    }

    const all = await fetch(`${api.baseUrl}/compounds/report-posters.pdf?communityId=com-jinshuiyuan`, {
      headers: { authorization: `Bearer ${jinshuiUnit.token ?? ''}` },
    });
    expect(all.status).toBe(200);
    const compounds = await api.runtime.deps.prisma.compound.count({
      where: { communityId: 'com-jinshuiyuan', active: true },
    });
    const book = (await pdfText(new Uint8Array(await all.arrayBuffer()))).split('\f').filter((p) => p.trim());
    expect(book).toHaveLength(compounds);
    const other = await donghuUnit.get('/compounds/report-posters.pdf?communityId=com-jinshuiyuan');
    expect(other.status).toBe(404);
  });
});
