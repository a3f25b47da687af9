// The admin UI in a real browser against the whole real stack: log-in per role, navigation, the
// dashboard's charts and numbers, the language switch and a phone-sized screen. Screenshots of each
// step land in apps/admin/test-results/screenshots/.
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../pages/app-shell';
import { DashboardPage } from '../pages/dashboard-page';
import { LoginPage } from '../pages/login-page';
import { DESKTOP, PHONE, cspViolations, launchBrowser, newContext, screenshot } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

const ROLES = [
  {
    username: 'admin.jinshui',
    home: '/dashboard',
    navigation: [
      '工作台',
      '试点看板',
      '台账管理',
      '痕迹记录',
      '评价标准',
      '工作日历',
      '事项调度',
      '激励评价',
      '档案',
      '审计日志',
      '用户',
    ],
  },
  {
    username: 'coord.wang',
    home: '/dashboard',
    navigation: [
      '工作台',
      '事项调度',
      '社区共治',
      '激励评价',
      '试点看板',
      '纳入试点',
      '整改',
      '痕迹记录',
      '台账管理',
    ],
  },
  { username: 'insp.zhang', home: '/tasks', navigation: ['我的任务', '整改核验', '痕迹记录', '社区共治'] },
  {
    username: 'firm.xiangshun',
    home: '/compounds',
    navigation: ['我的小区', '痕迹记录', '整改', '群众诉求', '激励评价'],
  },
  { username: 'resident.han', home: '/', navigation: ['我要报事', '我的事项', '联席会议'] },
] as const;

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(options = DESKTOP): Promise<Page> {
  const context = await newContext(browser, options);
  contexts.push(context);
  return context.newPage();
}

async function signedIn(username: string, options = DESKTOP): Promise<Page> {
  const page = await newPage(options);
  await new LoginPage(page, stack.adminUrl).logInAs(username, DEMO_PASSWORD);
  return page;
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('admin UI', () => {
  it.each(ROLES)('$username logs in and sees the navigation of the role', async (role) => {
    const page = await signedIn(role.username);
    const shell = new AppShell(page);
    expect(new URL(page.url()).pathname).toBe(role.home);
    expect(await shell.navigationLabels()).toEqual([...role.navigation]);
    await expect(shell.currentUser.innerText()).resolves.not.toBe('');
    await screenshot(page, `role-${role.username.replace('.', '-')}`);
  });

  it('keeps a role out of pages it has no navigation for, and logs out', async () => {
    const page = await signedIn('insp.zhang');
    const response = await page.goto(`${stack.adminUrl}/dashboard`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('main#main h1').innerText()).resolves.toContain('没有权限');
    await screenshot(page, 'forbidden-inspector-dashboard');

    await page.goto(`${stack.adminUrl}/tasks`);
    const shell = new AppShell(page);
    await shell.logOut();
    await page.goto(`${stack.adminUrl}/tasks`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('redirectTo')).toBe('/tasks');
  });

  it('sends a user whose session was revoked elsewhere back to log in, saying why', async () => {
    const page = await signedIn('firm.xiangshun');
    // The token sits in an httpOnly cookie (`<expiry>.<token>`): scripts in the page cannot read it,
    // the test reads it from the browser's jar and revokes it at the API, as logging out elsewhere would.
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'pilot_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(await page.evaluate(() => document.cookie)).not.toContain('pilot_session');
    const token = session?.value.slice(session.value.indexOf('.') + 1) ?? '';
    const revoked = await fetch(`${stack.apiUrl}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(204);

    await page.reload();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('expired')).toBe('1');
    await page.getByRole('status').filter({ hasText: '登录已过期' }).waitFor();
    await screenshot(page, 'login-session-expired');
  });

  it('shows a wrong password next to the form, and empty fields next to the fields', async () => {
    const page = await newPage();
    const login = new LoginPage(page, stack.adminUrl);
    await login.goto();
    await screenshot(page, 'login');

    await login.logIn('coord.wang', 'not-the-password');
    await login.error.waitFor();
    expect(await login.error.innerText()).toContain('用户名或密码不正确');
    expect(new URL(page.url()).pathname).toBe('/login');
    // What was typed stays; the password does not come back from the server.
    expect(await login.username.inputValue()).toBe('coord.wang');
    expect(await login.password.inputValue()).toBe('');
    await screenshot(page, 'login-wrong-password');

    await login.logIn('', '');
    await login.fieldError('username').waitFor();
    expect(await login.fieldError('username').innerText()).toContain('用户名');
    expect(await login.fieldError('password').innerText()).toContain('密码');
    expect(await login.username.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'login-empty-fields');
  });

  it('logs in without JavaScript too (the form posts to the server)', async () => {
    const page = await newPage({ ...DESKTOP, javaScriptEnabled: false });
    await new LoginPage(page, stack.adminUrl).logInAs('coord.wang', DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
  });

  it('draws the dashboard charts with the numbers behind them', async () => {
    const page = await signedIn('admin.jinshui');
    const dashboard = new DashboardPage(page, stack.adminUrl);
    await dashboard.goto();

    const keys = await dashboard.chartKeys();
    expect(keys).toEqual(
      expect.arrayContaining([
        'pilots-by-stage',
        'star-ratings',
        'complaints',
        'fee-collection-and-satisfaction',
        'compliance-trend',
      ]),
    );
    for (const key of keys) {
      const chart = await dashboard.readChart(key);
      expect(chart.title, key).not.toBe('');
      expect(chart.rows.length, `${key} has a table`).toBeGreaterThan(0);
      expect(chart.rows.every((row) => row.length >= 2)).toBe(true);
    }

    // 8 demo pilots over the three stages; the funnel's table adds up to them.
    const funnel = await dashboard.readChart('pilots-by-stage');
    expect(funnel.marks).toBeGreaterThan(0);
    const pilots = funnel.rows.reduce((sum, row) => sum + Number(row[1]), 0);
    expect(pilots).toBe(Number(await dashboard.kpi('pilots')));
    expect(pilots).toBeGreaterThanOrEqual(8);

    // Twelve months of complaints, falling as in the article.
    const complaints = await dashboard.readChart('complaints');
    expect(complaints.rows).toHaveLength(12);
    expect(complaints.marks).toBeGreaterThan(12);
    const perMonth = complaints.rows.map((row) => Number(row[1]));
    expect(perMonth.at(-1)).toBeLessThan(perMonth[0] ?? 0);

    // The article's figures where the demo data carries them: 物业费收缴率 74%, 满意度 92%.
    expect(await dashboard.kpi('fee-collection')).toMatch(/^7[34](\.\d)?%$/);
    expect(await dashboard.kpi('satisfaction')).toMatch(/^9[12](\.\d)?%$/);
    // 规范操作执行率 needs submitted inspections in the window; without them the card says so.
    expect(await dashboard.kpi('compliance')).toMatch(/^(\d+(\.\d)?%|—)$/);
    await screenshot(page, 'dashboard-admin');
  });

  it('switches to English and back, <html lang> included', async () => {
    const page = await signedIn('coord.wang');
    const shell = new AppShell(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await shell.switchLanguage();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await shell.navigationLabels()).toEqual([
      'Dashboard',
      'Dispatch',
      'Governance',
      'Incentives',
      'Pilots',
      'Enroll',
      'Rectification',
      'Trace records',
      'Register',
    ]);
    await expect(page.locator('h1').first().innerText()).resolves.toBe('Dashboard');
    // Chart titles come from the API, which answers in the language the UI asks for.
    expect((await new DashboardPage(page, stack.adminUrl).readChart('pilots-by-stage')).title).toBe(
      'Pilots per stage',
    );
    await screenshot(page, 'dashboard-english');

    // The choice is a cookie: a fresh load stays English.
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await shell.switchLanguage();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await shell.navigationLabels()).toEqual([
      '工作台',
      '事项调度',
      '社区共治',
      '激励评价',
      '试点看板',
      '纳入试点',
      '整改',
      '痕迹记录',
      '台账管理',
    ]);
  });

  it('fits a 375 × 812 phone: no sideways scroll, bottom navigation, 44 px touch targets', async () => {
    const page = await newPage(PHONE);
    const login = new LoginPage(page, stack.adminUrl);
    await login.goto();
    const shell = new AppShell(page);
    expect(await shell.hasHorizontalScroll()).toBe(false);
    await screenshot(page, 'phone-login');

    await login.logInAs('admin.jinshui', DEMO_PASSWORD);
    await new DashboardPage(page, stack.adminUrl).root.waitFor();
    expect(await shell.hasHorizontalScroll()).toBe(false);
    expect(await shell.bottomBar.isVisible()).toBe(true);
    expect(await shell.sidebar.isVisible()).toBe(false);
    expect(await shell.navigationLabels()).toHaveLength(11);

    const targets = page.locator(
      '[data-testid="nav-bar"] a:visible, header button:visible, header a:visible, summary:visible',
    );
    for (const box of await targets.evaluateAll((elements) =>
      elements.map((element) => {
        const rect = element.getBoundingClientRect();
        return {
          what: element.textContent?.trim() ?? element.tagName,
          width: rect.width,
          height: rect.height,
        };
      }),
    )) {
      expect(box.height, `${box.what} is tall enough to tap`).toBeGreaterThanOrEqual(44);
      expect(box.width, `${box.what} is wide enough to tap`).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, 'phone-dashboard');
    await screenshot(page, 'phone-dashboard-viewport', false);

    await shell.open('用户');
    await page.waitForURL((url) => url.pathname === '/users');
    expect(await shell.hasHorizontalScroll()).toBe(false);
    await screenshot(page, 'phone-section');
  });

  it('broke no rule of the Content-Security-Policy on any page', () => {
    expect(cspViolations()).toEqual([]);
  });
});
