// 消息中心 in Chromium on a phone (375 × 812) against the whole real stack: the admin imports a new
// compound from the 小区台账 template, a coordinator enrolls it with a compressed plan, and the
// pilot's own timer reminds 张伟 (insp.zhang) of his concentrated inspection a few seconds later. He sees the count on the bell, opens the inbox,
// follows the reminder to the task, and it is read. He then picks e-mail on 提醒方式 (refused
// without an address, saved with one); the admin's 发送记录 says no channel is set up, which is the
// embedded start's default. Screenshots land in apps/admin/test-results/screenshots/inbox-*.png.
import { DEMO_PASSWORD } from '@pilot/db';
import { buildRoundSchedule, formatLocalDate, resolvePlan, type PlanOptionsInput } from '@pilot/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../pages/app-shell';
import { InboxPage } from '../pages/inbox-page';
import { LoginPage } from '../pages/login-page';
import { PHONE, cspViolations, launchBrowser, newContext, screenshot } from '../support/browser';
import { startStack, type Stack } from '../support/stack';
import { fillTemplate, type Cell } from '../support/workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function phoneAs(username: string): Promise<Page> {
  const context = await newContext(browser, PHONE);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${username}] page error: ${error.message}`));
  const login = new LoginPage(page, stack.adminUrl);
  await login.goto();
  await page.waitForLoadState('networkidle');
  await login.logIn(username, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

async function tokenOf(username: string): Promise<string> {
  const login = await fetch(`${stack.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await login.json()) as { token: string }).token;
}

/**
 * The subdistrict's own compound, brought in as a county would: the admin fills the downloaded
 * 小区台账 template with one row and imports it (dry run, then apply).
 */
async function importCompound(row: readonly Cell[]): Promise<void> {
  const auth = { authorization: `Bearer ${await tokenOf('admin.jinshui')}` };
  const template = await fetch(`${stack.apiUrl}/imports/templates/compounds`, { headers: auth });
  const filled = await fillTemplate(Buffer.from(await template.arrayBuffer()), [row]);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(filled)], { type: XLSX }), '小区台账.xlsx');
  const checked = await fetch(`${stack.apiUrl}/imports/compounds`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  const job = (await checked.json()) as { id: string; problems: unknown[] };
  expect(job.problems).toEqual([]);
  const applied = await fetch(`${stack.apiUrl}/imports/${job.id}/apply`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(applied.status).toBe(201);
}

async function apiAs(username: string) {
  const token = await tokenOf(username);
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined
          ? { 'content-type': 'application/json', 'idempotency-key': `e2e-${crypto.randomUUID()}` }
          : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
}

/**
 * A plan starting now whose concentrated inspection (张伟's only kind here) is reminded about four
 * seconds after enrolment: the time scale is the real time to that reminder over four seconds.
 */
function planRemindingSoon(): { startDate: string; planOptions: PlanOptionsInput } {
  const now = Date.now();
  const base = {
    selfInspectionDays: 1,
    concentratedInspectionOffsetDays: 1,
    graceHours: 720,
    roundMonths: 12,
    calendar: { weekendDays: [], holidays: [], makeUpWorkdays: [] },
  } satisfies PlanOptionsInput;
  const concentrated = buildRoundSchedule(resolvePlan(base), now, 1).tasks.find(
    (t) => t.kind === 'concentrated',
  )!;
  return {
    startDate: formatLocalDate(now),
    planOptions: { ...base, timeScale: Math.max(1, (concentrated.remindAt - now) / 4_000) },
  };
}

interface NoticeRow {
  id: string;
  kind: string;
  readAt: string | null;
  subject: { type: string; id: string } | null;
}

describe('消息中心 on a phone', () => {
  beforeAll(async () => {
    stack = await startStack({ demoPilots: false });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  it('reminds the inspector of a compound the subdistrict imported: on the bell, opened at the task, then read', async () => {
    await importCompound([
      '锦水园社区',
      '青龙新苑',
      '祥顺物业',
      '青龙路 6 号',
      420,
      8,
      2016,
      0,
      '有',
      '有',
      '无',
      '有',
      '有',
    ]);
    const coordinator = await apiAs('coord.wang');
    const { startDate, planOptions } = planRemindingSoon();
    const enrolled = await coordinator<{ pilot: { id: string } }>('POST', '/pilots', {
      firm: { name: '祥顺物业' },
      compound: { name: '青龙新苑', community: '锦水园社区' },
      startDate,
      inspectorAssignments: [
        { inspectorId: 'usr-insp-zhang', kinds: ['concentrated'] },
        { inspectorId: 'usr-insp-li', kinds: ['weekly', 'monthly', 'quarterly', 'consolidation'] },
      ],
      catalogueVersion: '2024.1',
      planOptions,
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    const taskId = `${enrolled.body.pilot.id}:r1-concentrated-01`;

    const zhang = await apiAs('insp.zhang');
    let reminder: NoticeRow | undefined;
    for (const deadline = Date.now() + 90_000; !reminder && Date.now() < deadline;) {
      const page = await zhang<{ items: NoticeRow[] }>('GET', '/notices');
      reminder = page.body.items.find((n) => n.kind === 'reminder' && n.subject?.id === taskId);
      if (!reminder) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (!reminder) throw new Error('the pilot did not remind 张伟 within 90 s');

    const page = await phoneAs('insp.zhang');
    const inbox = new InboxPage(page);
    await expect.poll(() => inbox.badge.textContent()).toBe('1');
    expect(await inbox.bell.getAttribute('aria-label')).toBe('消息中心，1 条未读');
    await screenshot(page, 'inbox-1-badge', false);

    await inbox.openFromBell();
    const item = inbox.notice(reminder.id);
    expect(await item.getAttribute('data-unread')).toBe('true');
    expect(await item.textContent()).toContain('集中检查即将到期');
    expect(await inbox.count.textContent()).toBe('1 条未读');
    expect(await new AppShell(page).hasHorizontalScroll()).toBe(false);
    await screenshot(page, 'inbox-2-list');

    await item.getByTestId('notice-open').click();
    await page.waitForURL((url) => url.pathname === `/tasks/${encodeURIComponent(taskId)}`);
    await page.getByTestId('inspection-page').waitFor();
    // The bell has nothing unread any more.
    await expect.poll(() => inbox.badge.count()).toBe(0);
    await screenshot(page, 'inbox-3-task', false);

    await inbox.openFromBell();
    expect(await inbox.notice(reminder.id).getAttribute('data-unread')).toBe('false');
    expect(await inbox.count.textContent()).toBe('全部已读');
    const after = await zhang<{ unread: number }>('GET', '/notices/unread-count');
    expect(after.body.unread).toBe(0);
  });

  it('saves the channel choice on 提醒方式, with the address it needs', async () => {
    const page = await phoneAs('insp.zhang');
    await page.goto(`${stack.adminUrl}/account/notices`);
    await page.getByTestId('notice-settings-form').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('notice-settings-phone').textContent()).toBe('13805310021');
    // The embedded start offers no channel yet: each says so.
    expect(await page.getByText('本平台尚未开通此渠道，选择后暂不发送。').count()).toBe(3);
    await page.getByTestId('notice-channel-email').check();
    await page.getByTestId('notice-settings-save').click();
    const error = page.getByTestId('field-error-notice-email');
    await error.waitFor();
    expect(await error.textContent()).toBe('「电子邮箱」：选择了邮件提醒，请填写接收提醒的电子邮箱。');
    await screenshot(page, 'inbox-4-settings-refused');

    await page.locator('#notice-email').fill('zhang.wei@jinshui.example.cn');
    await page.getByTestId('notice-settings-save').click();
    await page.getByTestId('notice-settings-saved').waitFor();
    const zhang = await apiAs('insp.zhang');
    const saved = await zhang<{ channels: string[]; email: string }>('GET', '/me/notice-settings');
    expect(saved.body).toMatchObject({ channels: ['email'], email: 'zhang.wei@jinshui.example.cn' });
    await screenshot(page, 'inbox-5-settings-saved');
  });

  it('tells the admin on 发送记录 that no channel is set up, and shows the admin’s own inbox', async () => {
    const page = await phoneAs('admin.jinshui');
    const inbox = new InboxPage(page);
    await inbox.openFromBell();
    await page.getByTestId('inbox-deliveries').click();
    await page.getByTestId('deliveries-page').waitFor();
    expect(await page.getByTestId('deliveries-offered').textContent()).toContain('尚未开通任何站外渠道');
    expect(await page.getByTestId('deliveries-counts').textContent()).toBe('发送中 0 · 已发送 0 · 失败 0');
    await screenshot(page, 'inbox-6-deliveries');
    expect(cspViolations()).toEqual([]);
  });
});
