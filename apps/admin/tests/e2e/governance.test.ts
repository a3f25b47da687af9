// The governance loop beyond reports, in a real browser against the whole real stack (one start):
// (a) 常态化巡查 — 锦水园社区居委会 (party.jsyjwh) completes this month's 玫瑰家园 visit on a phone with one finding;
//     it is a matter in 祥顺物业's queue, the firm accepts and answers, 王 (coord.wang) confirms it
//     (回访) and it leaves the 巡查工作台账's open list (销号).
// (b) 四方联席 — 王 holds this month's 锦水园社区 meeting early (the workflow allows it during 会前)
//     with one resolution for 祥顺物业; the firm answers, 王 confirms, the meeting shows it closed,
//     the feedback is published (已反馈) and 韩 (resident.han) reads it in 消息中心.
// Screenshots land in apps/admin/test-results/screenshots/governance-*.png.
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginPage } from '../pages/login-page';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot } from '../support/browser';
import { makePng } from '../support/png';
import { startStack, type Stack } from '../support/stack';

const COMPOUND = 'cmp-meiguijiayuan';
const FINDING = '3号楼北侧绿化带垃圾堆放，无人清运';
const RESOLUTION = '玫瑰家园南门增设电动车集中充电桩';
const FEEDBACK = '本次联席会议议定的充电桩已由祥顺物业安装完毕，欢迎居民使用。';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages = new Map<string, Page>();

async function signedIn(username: string, options: BrowserContextOptions): Promise<Page> {
  const known = pages.get(username);
  if (known) return known;
  const context = await newContext(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${username}] page error: ${error.message}`));
  const login = new LoginPage(page, stack.adminUrl);
  await login.goto();
  await page.waitForLoadState('networkidle');
  await login.logIn(username, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  pages.set(username, page);
  return page;
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${stack.adminUrl}${path}`);
  await page.waitForLoadState('networkidle');
}

async function statusIs(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="matter-page"][data-status="${status}"]`).waitFor();
}

/** 祥顺物业 finds the matter in its queue, accepts it and answers with a photo. */
async function firmHandles(matterPath: string, note: string, shot: string): Promise<void> {
  const firm = await signedIn('firm.xiangshun', PHONE);
  await open(firm, '/matters');
  const id = matterPath.split('/').pop() ?? '';
  await firm.locator(`[data-testid="matter-card"][data-id="${id}"]`).waitFor();
  await open(firm, matterPath);
  await firm.getByTestId('matter-submit-accept').click();
  await statusIs(firm, 'in_progress');
  const form = firm.getByTestId('matter-form-answer');
  await form.locator('textarea[name="note"]').fill(note);
  await form.locator('input[type="file"]').setInputFiles({
    name: 'done.png',
    mimeType: 'image/png',
    buffer: makePng(90, 60, [21, 128, 61]),
  });
  await form.getByTestId('attachment').first().waitFor();
  await firm.getByTestId('matter-submit-answer').click();
  await statusIs(firm, 'answered');
  await screenshot(firm, shot);
}

/** 王 calls back (回访) and confirms it solved: 销号. */
async function coordinatorConfirms(matterPath: string): Promise<void> {
  const coordinator = await signedIn('coord.wang', DESKTOP);
  await open(coordinator, matterPath);
  const form = coordinator.getByTestId('matter-form-confirm');
  await form.locator('input[name="solved"][value="yes"]').check();
  await form.locator('textarea[name="note"]').fill('电话回访，问题已解决');
  await coordinator.getByTestId('matter-submit-confirm').click();
  await statusIs(coordinator, 'closed');
}

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('常态化巡查: a finding on a patrol is handled and closed', () => {
  let matterPath = '';

  it('is found on a phone patrol of 玫瑰家园', async () => {
    // The community committee patrols its own community (the subdistrict's inspectors may too).
    const inspector = await signedIn('party.jsyjwh', PHONE);
    await open(inspector, '/governance');
    await inspector.getByTestId('patrols-page').waitFor();
    await inspector.getByTestId('patrol-plan').waitFor();
    await screenshot(inspector, 'governance-01-patrols');
    const visit = inspector.locator(`[data-testid="patrol-visit"][data-id$="${COMPOUND}"]`).first();
    await visit.locator('a').click();
    await inspector.getByTestId('visit-form').waitFor();
    await inspector.waitForLoadState('networkidle');
    await inspector.locator('#visit-patrollers').fill('刘主任、李网格');
    await inspector.getByTestId('finding-add').click();
    const row = inspector.getByTestId('finding-row').first();
    await row.getByTestId('finding-topic').selectOption('sanitation');
    await row.getByTestId('finding-location').fill('3号楼北侧绿化带');
    await row.getByTestId('finding-description').fill(FINDING);
    await row.locator('input[type="file"]').setInputFiles({
      name: 'rubbish.png',
      mimeType: 'image/png',
      buffer: makePng(120, 90, [120, 53, 15]),
    });
    await row.getByTestId('attachment').first().waitFor();
    await screenshot(inspector, 'governance-02-visit-form');
    await inspector.getByTestId('visit-submit').click();
    await inspector.locator('[data-testid="visit-page"][data-status="done"]').waitFor();
    const finding = inspector.getByTestId('visit-finding').first();
    await finding.waitFor();
    matterPath = new URL((await finding.locator('a').getAttribute('href')) ?? '', stack.adminUrl).pathname;
    expect(matterPath).toMatch(/^\/matters\//);
    await screenshot(inspector, 'governance-03-visit-done');
  });

  it('is answered by 祥顺物业, confirmed by the coordinator and leaves the open ledger', async () => {
    const id = matterPath.split('/').pop() ?? '';
    const coordinator = await signedIn('coord.wang', DESKTOP);
    const openLedger = `/governance/patrols/ledger?compoundId=${COMPOUND}&open=true`;
    await open(coordinator, openLedger);
    await coordinator.locator(`[data-testid="ledger-row"][data-id="${id}"]`).waitFor();
    await screenshot(coordinator, 'governance-04-ledger-open');

    await firmHandles(matterPath, '已安排保洁清运，绿化带已清理干净', 'governance-05-firm-answered');
    await coordinatorConfirms(matterPath);

    await open(coordinator, openLedger);
    await coordinator.getByTestId('ledger-totals').waitFor();
    expect(await coordinator.locator(`[data-testid="ledger-row"][data-id="${id}"]`).count()).toBe(0);
    await open(coordinator, `/governance/patrols/ledger?compoundId=${COMPOUND}`);
    await coordinator.locator(`[data-testid="ledger-row"][data-id="${id}"][data-status="closed"]`).waitFor();
    expect(await coordinator.getByTestId('ledger-export').getAttribute('href')).toContain(
      '/governance/patrols/ledger.xlsx',
    );
    await screenshot(coordinator, 'governance-06-ledger-closed');
  });
});

describe('四方联席: a resolution is handled and the feedback reaches the residents', () => {
  let meetingPath = '';
  let matterPath = '';

  it('is held by the coordinator with one resolution for 祥顺物业', async () => {
    const coordinator = await signedIn('coord.wang', DESKTOP);
    await open(coordinator, '/governance/meetings');
    const item = coordinator.locator('[data-testid="meeting-item"][data-phase="opinions"]').first();
    await item.waitFor();
    await screenshot(coordinator, 'governance-07-meetings');
    await item.locator('a').click();
    await coordinator.getByTestId('hold-form').waitFor();
    await coordinator.waitForLoadState('networkidle');
    meetingPath = new URL(coordinator.url()).pathname;
    await coordinator.getByTestId('attend-subdistrict').fill('王协调');
    await coordinator.getByTestId('attend-community').fill('锦水园社区居委会 刘主任');
    await coordinator.getByTestId('attend-owners').fill('韩居民、赵业主');
    await coordinator.getByTestId('attend-firm').fill('祥顺物业 孙经理');
    await coordinator
      .getByTestId('hold-minutes')
      .fill('议定玫瑰家园南门增设电动车集中充电桩，杜绝飞线充电。');
    const row = coordinator.getByTestId('resolution-row').first();
    await row.getByTestId('resolution-text').fill(RESOLUTION);
    await row.getByTestId('resolution-category').selectOption('ev_charging');
    await row.getByTestId('resolution-compound').selectOption(COMPOUND);
    await row.getByTestId('resolution-assignee').selectOption('firm:firm-xiangshun');
    await row.getByTestId('resolution-due').fill(inDays(14));
    await screenshot(coordinator, 'governance-08-hold-form');
    await coordinator.getByTestId('hold-submit').click();
    await coordinator.locator('[data-testid="meeting-page"][data-phase="follow_up"]').waitFor();
    const link = coordinator.getByTestId('meeting-resolution').first().getByTestId('resolution-matter');
    matterPath = new URL((await link.getAttribute('href')) ?? '', stack.adminUrl).pathname;
    expect(matterPath).toMatch(/^\/matters\//);
    await screenshot(coordinator, 'governance-09-held');
  });

  it('is answered by the firm, confirmed, and the feedback closes the meeting for the residents', async () => {
    await firmHandles(matterPath, '南门充电桩已安装 10 个车位并通电', 'governance-10-firm-answered');
    await coordinatorConfirms(matterPath);

    const coordinator = await signedIn('coord.wang', DESKTOP);
    await open(coordinator, meetingPath);
    await coordinator.locator('[data-testid="meeting-resolution"][data-closed="true"]').waitFor();
    await coordinator.getByTestId('feedback-text').fill(FEEDBACK);
    await screenshot(coordinator, 'governance-11-resolution-closed');
    await coordinator.getByTestId('feedback-submit').click();
    await coordinator.locator('[data-testid="meeting-page"][data-phase="closed"]').waitFor();
    expect(await coordinator.getByTestId('meeting-phase').innerText()).toBe('已反馈');
    await screenshot(coordinator, 'governance-12-feedback');

    const resident = await signedIn('resident.han', PHONE);
    // The notice is written in the feedback's transaction; the inbox may need a moment to show it.
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await open(resident, '/inbox');
      if ((await resident.getByTestId('inbox-page').innerText()).includes(FEEDBACK)) break;
      await resident.waitForTimeout(1000);
    }
    expect(await resident.getByTestId('inbox-page').innerText()).toContain(FEEDBACK);
    await screenshot(resident, 'governance-13-resident-inbox');
    await open(resident, meetingPath);
    expect(await resident.getByTestId('meeting-feedback').innerText()).toContain(FEEDBACK);
    await screenshot(resident, 'governance-14-resident-meeting');
  });
});
