// Account security in a real browser against the whole real stack (one stack, without the demo
// pilots, which no step here needs): an admin creates an account (a weak password refused at its
// field), its user must choose their own password before any other page opens (wrong current
// password and a mistyped repeat said at their fields), an admin's reset ends the user's sessions
// and the next log-in asks again (that change without JavaScript), the log-in page's 429 in words
// for an unknown and a known username alike, and the security headers of the pages.
// Screenshots of each step land in apps/admin/test-results/screenshots/.
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../pages/app-shell';
import { LoginPage } from '../pages/login-page';
import { PasswordPage } from '../pages/password-page';
import { UsersPage } from '../pages/users-page';
import { DESKTOP, PHONE, cspViolations, launchBrowser, newContext, screenshot } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

/** The account this file creates; no other suite knows it. */
const USERNAME = 'insp.account';
const DISPLAY_NAME = '账号测试检查员';
/** Too short and only two kinds of character. */
const WEAK = 'abc12345';
const INITIAL = 'Harbour-Light-27';
const OWN = 'Mist-Orchard-58';
const RESET = 'Zebra!Quartz-93';
const OWN_AGAIN = 'Qiao#Lan-2027x';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The new user's phone, kept signed in from one step to the next (the reset must end it). */
let userPhone: Page;

async function newPage(options: BrowserContextOptions = DESKTOP): Promise<Page> {
  const context = await newContext(browser, options);
  contexts.push(context);
  return context.newPage();
}

async function adminPage(): Promise<Page> {
  const page = await newPage();
  await new LoginPage(page, stack.adminUrl).logInAs('admin.jinshui', DEMO_PASSWORD);
  return page;
}

/** Types into a hydrated page, so what the scripts do (the live checklist) is what is tested. */
async function hydrated(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

beforeAll(async () => {
  stack = await startStack({ demoPilots: false });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('account security', () => {
  it('lets an admin create an account: a weak password is refused at its field, a good one taken', async () => {
    const page = await adminPage();
    const users = new UsersPage(page, stack.adminUrl);
    await users.goto();
    await hydrated(page);
    await page.getByTestId('user-create-open').click();
    // The policy is listed before anything is typed, and ticked off while typing.
    const rules = page.locator('#user-password-rules');
    expect(await rules.innerText()).toContain('至少 10 个字符');
    await page.locator('#user-username').fill(USERNAME);
    await page.locator('#user-password').fill(WEAK);
    expect(await rules.locator('[data-rule="length"]').getAttribute('data-met')).toBe('false');
    expect(await rules.locator('[data-rule="classes"]').innerText()).toContain('已有 2 类');

    await users.create({ username: USERNAME, displayName: DISPLAY_NAME, role: '检查员', password: WEAK });
    await users.createError('password').waitFor();
    expect(await users.createError('password').innerText()).toMatch(/10/);
    await screenshot(page, 'accounts-create-weak');

    await users.create({ username: USERNAME, displayName: DISPLAY_NAME, role: '检查员', password: INITIAL });
    await users.done.waitFor();
    expect(await users.done.innerText()).toContain(DISPLAY_NAME);
    expect(await users.row(USERNAME).getByTestId('user-must-change').innerText()).toBe('须修改密码');
  });

  it('sends the new user to 修改密码 and keeps every other page shut until the password is theirs', async () => {
    userPhone = await newPage(PHONE);
    const page = userPhone;
    const shell = new AppShell(page);
    const password = new PasswordPage(page, stack.adminUrl);
    await new LoginPage(page, stack.adminUrl).logInAs(USERNAME, INITIAL);
    expect(new URL(page.url()).pathname).toBe('/account/password');
    expect(await password.heading.innerText()).toBe('请先设置您自己的密码');
    expect(await password.required.innerText()).toContain('管理员设置或重置');
    // No section is open, so none is offered.
    expect(await shell.bottomBar.count()).toBe(0);
    expect(await shell.hasHorizontalScroll()).toBe(false);
    await screenshot(page, 'accounts-phone-password-required');

    for (const path of ['/tasks', '/rectifications', '/users', '/']) {
      await page.goto(`${stack.adminUrl}${path}`);
      expect(new URL(page.url()).pathname, path).toBe('/account/password');
    }

    await hydrated(page);
    await password.next.fill('abc');
    expect(await password.ruleStates()).toEqual({
      length: false,
      classes: false,
      notUsername: true,
      differs: null,
    });
    await password.current.fill(INITIAL);
    await password.next.fill(OWN);
    expect(await password.ruleStates()).toEqual({
      length: true,
      classes: true,
      notUsername: true,
      differs: true,
    });
    await screenshot(page, 'accounts-phone-password-rules');

    // A mistyped repeat is said before anything is sent.
    await password.change(INITIAL, OWN, `${OWN}x`);
    await password.fieldError('confirm').waitFor();
    expect(await password.fieldError('confirm').innerText()).toBe('两次输入的新密码不一致');

    await password.change('Wrong-Guess-2026', OWN);
    await password.fieldError('current').waitFor();
    expect(await password.fieldError('current').innerText()).toContain('当前密码不正确');
    expect(await password.current.getAttribute('aria-invalid')).toBe('true');
    expect(await password.fieldError('confirm').count()).toBe(0);
    await screenshot(page, 'accounts-phone-password-wrong-current');

    await password.change(INITIAL, OWN);
    await page.waitForURL((url) => url.pathname === '/tasks');
    expect(await shell.flash.innerText()).toContain('密码已修改');
    expect(await shell.navigationLabels()).toEqual(['我的任务', '整改核验', '痕迹记录', '社区共治']);
    await screenshot(page, 'accounts-phone-password-changed', false);
    // A one-time notice: gone on the next page.
    await shell.open('整改核验');
    await page.waitForURL((url) => url.pathname === '/rectifications');
    expect(await shell.flash.count()).toBe(0);

    // 修改密码 stays in the user's menu; the menu closes with Escape (its script runs under the CSP).
    await shell.openUserMenu();
    expect(await shell.changePassword.isVisible()).toBe(true);
    await screenshot(page, 'accounts-phone-user-menu', false);
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="user-menu"]')?.hasAttribute('open'),
    );
    await shell.openChangePassword();
    expect(await password.heading.innerText()).toBe('修改密码');
    expect(await password.required.count()).toBe(0);
    await screenshot(page, 'accounts-phone-password-voluntary');
  });

  it('ends the user’s sessions when an admin resets the password; the next log-in asks again, also without JavaScript', async () => {
    const admin = await adminPage();
    const users = new UsersPage(admin, stack.adminUrl);
    await users.goto(`?q=${USERNAME}`);
    const row = users.row(USERNAME);
    expect(await row.getByTestId('user-must-change').count()).toBe(0);
    await users.resetPassword(USERNAME, RESET);
    await row.getByTestId('user-must-change').waitFor();
    await screenshot(admin, 'accounts-reset');

    await userPhone.reload();
    const url = new URL(userPhone.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('expired')).toBe('1');

    const page = await newPage({ ...PHONE, javaScriptEnabled: false });
    await new LoginPage(page, stack.adminUrl).logInAs(USERNAME, RESET);
    expect(new URL(page.url()).pathname).toBe('/account/password');
    const password = new PasswordPage(page, stack.adminUrl);
    expect(await password.required.isVisible()).toBe(true);
    // Without scripts the checklist is the plain list of rules.
    expect(await password.ruleStates()).toEqual({
      length: null,
      classes: null,
      notUsername: null,
      differs: null,
    });
    // The old password of one's own no longer counts.
    await password.change(OWN, OWN_AGAIN);
    await password.fieldError('current').waitFor();
    await screenshot(page, 'accounts-phone-password-nojs-refused');
    await password.change(RESET, OWN_AGAIN);
    await page.waitForURL((next) => next.pathname === '/tasks');
    expect(await new AppShell(page).flash.innerText()).toContain('密码已修改');
  });

  it('says on the log-in page when to try again after repeated failures, in the same words for any name', async () => {
    const messages: string[] = [];
    // A name nobody has, and a real account no other step of this file uses.
    for (const username of ['nobody.throttled', 'firm.xiangshun']) {
      const page = await newPage();
      const login = new LoginPage(page, stack.adminUrl);
      await login.goto();
      await hydrated(page);
      let message = '';
      let attempts = 0;
      while (attempts < 6 && !message.startsWith('尝试次数过多')) {
        attempts += 1;
        await Promise.all([
          page.waitForResponse((response) => response.request().method() === 'POST'),
          login.logIn(username, `Wrong-Guess-${attempts}`),
        ]);
        await page.waitForFunction(
          () => !document.querySelector('[data-testid="login-form"] [aria-busy="true"]'),
        );
        message = await login.error.innerText();
      }
      // The API lets five wrong passwords per name and address through, then holds the pair back.
      expect(attempts, username).toBeLessThanOrEqual(5);
      expect(message).toMatch(/^尝试次数过多，请于 \d{2}:\d{2}（约 \d+ 分钟后）再试。$/);
      messages.push(message.replace(/\d{2}:\d{2}/, 'HH:MM'));
      if (username === 'nobody.throttled') await screenshot(page, 'accounts-login-throttled');
    }
    expect(messages[1]).toBe(messages[0]);
  });

  it('answers pages with the Content-Security-Policy and the other security headers', async () => {
    const page = await newPage();
    const response = await page.goto(`${stack.adminUrl}/login`);
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "img-src 'self' data: blob:",
    ])
      expect(csp, directive).toContain(directive);
    // SvelteKit's own inline scripts run by their nonce; nothing else inline does.
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
    });
    expect(headers['permissions-policy']).toContain('camera=(self)');
    // Plain http here: no HSTS.
    expect(headers['strict-transport-security']).toBeUndefined();

    const admin = await adminPage();
    const dashboard = await admin.goto(`${stack.adminUrl}/dashboard`);
    const signedIn = dashboard?.headers() ?? {};
    expect(signedIn['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(signedIn['x-content-type-options']).toBe('nosniff');
    expect(signedIn['cache-control']).toBe('private, no-store');
    // A fresh nonce per page.
    const nonce = (value: string | undefined) => /'nonce-([^']+)'/.exec(value ?? '')?.[1];
    expect(nonce(signedIn['content-security-policy'])).not.toBe(nonce(csp));
  });

  it('broke no rule of the Content-Security-Policy on any page', () => {
    expect(cspViolations()).toEqual([]);
  });
});
