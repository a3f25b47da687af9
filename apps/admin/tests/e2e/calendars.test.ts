// 工作日历 in a real browser against the whole real stack, with the eight demo pilots: a
// coordinator's preview warns that a plan into 2027 has no 2027 holidays; the admin drafts release
// 2 by pasting 2027's days (test days: the State Council has not announced 2027), publishes it and
// applies it to every running pilot; the preview no longer warns, and a pilot's page says which
// release it follows. Screenshots land in apps/admin/test-results/screenshots/.
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarsPage } from '../pages/calendars-page';
import { EnrollPage } from '../pages/enroll-page';
import { LoginPage } from '../pages/login-page';
import { DESKTOP, launchBrowser, newContext, screenshot } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedIn(username: string): Promise<Page> {
  const context = await newContext(browser, DESKTOP);
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page, stack.adminUrl).logInAs(username, DEMO_PASSWORD);
  return page;
}

/** A date input's value some days ahead (Asia/Shanghai). */
function daysAhead(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
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

async function preview(page: Page): Promise<EnrollPage> {
  const enroll = new EnrollPage(page, stack.adminUrl);
  await enroll.goto();
  await enroll.chooseCompound('东湖社区', '滨河小区');
  await enroll.setStartDate(daysAhead(1));
  await enroll.assign({
    concentrated: '孙明',
    weekly: '孙明',
    monthly: '赵丽',
    quarterly: '赵丽',
    consolidation: '孙明',
  });
  await enroll.requestPreview();
  await enroll.schedule.waitFor();
  return enroll;
}

describe('the working calendar', () => {
  it('warns about 2027, publishes release 2 with it and applies it to the running pilots', async () => {
    const coordinator = await signedIn('coord.wang');
    await preview(coordinator);
    expect(await coordinator.getByTestId('schedule-calendar').innerText()).toContain(
      '工作日历第 1 版（2024–2026 年）',
    );
    const warning = coordinator.getByTestId('schedule-warning');
    expect(await warning.innerText()).toContain('2027 年只按周末安排检查');
    await screenshot(coordinator, 'enroll-calendar-warning');

    const admin = await signedIn('admin.jinshui');
    const calendars = new CalendarsPage(admin, stack.adminUrl);
    await calendars.goto();
    expect(await calendars.shownVersion()).toBe('1');
    expect((await calendars.releases())[0]).toContain('2024–2026 年');
    expect(await admin.getByTestId('calendar-holidays').innerText()).toContain('10-01～10-07');
    await screenshot(admin, 'calendars');

    await calendars.draftNextYear('国务院办公厅关于2027年部分节假日安排的通知（测试数据）', {
      holidays: '2027-01-01~2027-01-03\n2027-02-05~2027-02-13\n2027-10-01~2027-10-07',
      makeUpWorkdays: '2027-02-20\n2027-10-09',
    });
    expect(await calendars.shownVersion()).toBe('2');
    const changes = await admin.getByTestId('calendar-changes').innerText();
    expect(changes).toContain('新增年份：2027');
    expect(changes).toContain('2027-02-05');
    await screenshot(admin, 'calendar-draft');

    await calendars.publish();
    expect(await calendars.done.innerText()).toContain('第 2 版已发布');
    await screenshot(admin, 'calendar-published');
    const applied = await calendars.adoptAll();
    expect(applied).toMatch(/已应用第 2 版：\d+ 个试点改按新版执行/);
    await screenshot(admin, 'calendar-adopted');
    expect(await admin.getByTestId('calendar-adopt').innerText()).toContain('所有运行中的试点都已按此版执行');

    await preview(coordinator);
    expect(await coordinator.getByTestId('schedule-calendar').innerText()).toContain(
      '工作日历第 2 版（2024–2027 年）',
    );
    expect(await coordinator.getByTestId('schedule-warning').count()).toBe(0);

    await admin.goto(`${stack.adminUrl}/pilots/enr-cmp-lijingyuan`);
    const pilotCalendar = admin.getByTestId('pilot-calendar');
    await pilotCalendar.waitFor();
    expect(await pilotCalendar.getAttribute('data-version')).toBe('2');
    expect(await pilotCalendar.innerText()).toContain('工作日历第 2 版');
    await screenshot(admin, 'pilot-calendar');
  }, 300_000);
});
