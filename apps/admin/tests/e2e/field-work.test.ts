// Field work on a phone (375 × 812) against the whole real stack: 孙明 (insp.sun) does the open weekly
// check of 金桂园 with one failed item (note and a photo), checks the summary and submits; the firm
// (firm.jinrun) answers the rectification with a photo; the inspector accepts it and it is closed.
// Screenshots of each step land in apps/admin/test-results/screenshots/field-*.png.
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../pages/app-shell';
import { InspectionPage } from '../pages/inspection-page';
import { LoginPage } from '../pages/login-page';
import { RectificationsPage } from '../pages/rectifications-page';
import { TasksPage } from '../pages/tasks-page';
import { PHONE, launchBrowser, screenshot } from '../support/browser';
import { makePng } from '../support/png';
import { startStack, type Stack } from '../support/stack';

const COMPOUND = 'cmp-jinguiyuan';
const FINDING = '消防控制室值班记录缺少夜班签字，灭火器压力不足未更换';
const ANSWER = '已补齐夜班值班签字，更换 2 具灭火器并张贴检查标签';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function phoneAs(username: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${username}] page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[${username}] console: ${message.text()}`);
  });
  const login = new LoginPage(page, stack.adminUrl);
  await login.goto();
  // Typed into a hydrated form (a post racing the page's scripts can be lost on a busy machine).
  await page.waitForLoadState('networkidle');
  await login.logIn(username, DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** Nothing wider than the phone, and every image on the page actually drawn. */
async function fitsThePhone(page: Page): Promise<void> {
  expect(await new AppShell(page).hasHorizontalScroll()).toBe(false);
  const broken = await page.$$eval('img', (images) =>
    images.filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.src),
  );
  expect(broken).toEqual([]);
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

describe('field work on a phone: inspect, rectify, verify', () => {
  let inspector: Page;
  let rectificationId = '';
  let failedCode = '';

  it('insp.sun completes the weekly check with one failed item and submits it', async () => {
    inspector = await phoneAs('insp.sun');
    expect(new URL(inspector.url()).pathname).toBe('/tasks');
    const tasks = new TasksPage(inspector, stack.adminUrl);
    await tasks.root.waitFor();
    const card = tasks.openCard('weekly', COMPOUND);
    await card.waitFor();
    expect(await card.innerText()).toContain('周检查');
    await fitsThePhone(inspector);
    await screenshot(inspector, 'field-01-inspector-tasks');

    await card.click();
    const form = new InspectionPage(inspector);
    await form.form.waitFor();
    const codes = await form.itemCodes();
    expect(codes).toHaveLength(35);
    expect(await form.answered()).toEqual({ answered: 0, total: 35 });
    expect(await form.categories.count()).toBeGreaterThanOrEqual(2);
    await fitsThePhone(inspector);
    await screenshot(inspector, 'field-02-inspection-form', false);

    // The failed item: a fire-safety one when the checklist has it (消防控制室值班), else the first.
    failedCode = codes.find((code) => code.startsWith('E-')) ?? codes[0]!;
    const categories = await form.categories.evaluateAll((list) =>
      list.map((c) => c.getAttribute('data-category') ?? ''),
    );
    const half = Math.ceil(categories.length / 2);
    const answerCategory = async (category: string) => {
      await form.openCategory(category);
      for (const code of codes.filter((c) => c.startsWith(`${category}-`))) {
        await form.answer(code, code === failedCode ? 'fail' : 'pass');
      }
    };
    for (const category of categories.slice(0, half)) await answerCategory(category);
    const halfway = await form.answered();
    expect(halfway.answered).toBeGreaterThan(0);

    // A reload in the stairwell loses nothing: the draft comes back from the phone's storage.
    await inspector.waitForTimeout(600);
    await inspector.reload({ waitUntil: 'networkidle' });
    await form.draftRestored.waitFor();
    expect(await form.answered()).toEqual(halfway);
    await screenshot(inspector, 'field-03-draft-restored', false);

    for (const category of categories.slice(half)) await answerCategory(category);
    expect(await form.answered()).toEqual({ answered: 35, total: 35 });

    // Trying to go on without a note points at the item that needs one.
    await form.reviewButton.click();
    await form.item(failedCode).locator('.problems p').first().waitFor();
    expect(await form.item(failedCode).locator('.problems').innerText()).toContain('必须写明发现的问题');

    await form.openCategory(failedCode.split('-')[0]!);
    await form.note(failedCode, FINDING);
    await form.attachPhoto(failedCode, makePng(96, 72), 'fire-room.png');
    await form.item(failedCode).scrollIntoViewIfNeeded();
    await fitsThePhone(inspector);
    await screenshot(inspector, 'field-04-failed-item', false);

    await form.reviewButton.click();
    await form.summary.waitFor();
    expect(await form.count('fail')).toBe(1);
    expect(await form.count('pass')).toBe(34);
    expect(await form.count('na')).toBe(0);
    expect(await inspector.getByTestId('summary-failed').innerText()).toContain(FINDING);
    await screenshot(inspector, 'field-05-summary', false);

    await form.submitButton.click();
    await form.result.waitFor({ timeout: 60_000 });
    expect(await inspector.getByTestId('submitted-banner').isVisible()).toBe(true);
    expect(await inspector.getByTestId('result-score').innerText()).toMatch(/^\d+(\.\d)?$/);
    const created = inspector.getByTestId('created-rectification');
    expect(await created.count()).toBe(1);
    expect(await created.innerText()).toContain(failedCode);
    expect(await created.innerText()).toContain(FINDING);
    rectificationId = ((await created.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(rectificationId).not.toBe('');
    // Submitted: the draft is gone from the phone.
    const taskId = await form.taskId();
    expect(
      await inspector.evaluate((id) => localStorage.getItem(`pilot.inspection-draft.${id}`), taskId),
    ).toBeNull();
    await fitsThePhone(inspector);
    await screenshot(inspector, 'field-06-result');
  });

  it('the firm sees the rectification, uploads evidence and answers', async () => {
    expect(rectificationId).not.toBe('');
    const firm = await phoneAs('firm.jinrun');
    expect(new URL(firm.url()).pathname).toBe('/compounds');
    const compound = firm.locator(`[data-testid="compound-card"][data-compound="${COMPOUND}"]`);
    await compound.waitFor();
    expect(await compound.getByTestId('compound-rectifications').innerText()).toMatch(/未销号整改 [1-9]/);
    await fitsThePhone(firm);
    await screenshot(firm, 'field-07-firm-compounds');

    const rectifications = new RectificationsPage(firm, stack.adminUrl);
    await rectifications.goto();
    const card = rectifications.group('awaitingAnswer').locator(`[data-id="${rectificationId}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain(FINDING);
    expect(await card.innerText()).toMatch(/整改期限/);
    await fitsThePhone(firm);
    await screenshot(firm, 'field-08-firm-rectifications');

    await rectifications.open(rectificationId);
    expect(await rectifications.status()).toBe('open');
    // Refused on the phone before anything is sent: an answer needs words and a photo.
    await rectifications.respondForm.getByTestId('respond-submit').click();
    await rectifications.respondForm.locator('#response-error').waitFor();
    await rectifications.respond(ANSWER, makePng(120, 90, [21, 128, 61]));
    expect(await rectifications.status()).toBe('responded');
    expect(await firm.getByTestId('history-response').innerText()).toContain(ANSWER);
    await firm.getByTestId('history-response').locator('img').first().waitFor();
    await fitsThePhone(firm);
    await screenshot(firm, 'field-09-firm-answered');
  });

  it('insp.sun sees the answer with its photo, accepts it, and the item is closed', async () => {
    const rectifications = new RectificationsPage(inspector, stack.adminUrl);
    await rectifications.goto();
    const card = rectifications.group('awaitingVerification').locator(`[data-id="${rectificationId}"]`);
    await card.waitFor();
    await screenshot(inspector, 'field-10-inspector-verifications');

    await rectifications.open(rectificationId);
    expect(await inspector.getByTestId('history-response').innerText()).toContain(ANSWER);
    // The firm's photo and the one taken at the inspection, both drawn.
    await inspector.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="evidence-gallery"] img')].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    expect(await inspector.locator('[data-testid="evidence-gallery"] img').count()).toBe(2);
    await rectifications.verifyForm.waitFor();
    await fitsThePhone(inspector);
    await screenshot(inspector, 'field-11-verify');

    await rectifications.verify('accept');
    expect(await rectifications.status()).toBe('closed');
    expect(await inspector.getByTestId('rectification-status').innerText()).toBe('已销号');
    await screenshot(inspector, 'field-12-closed');

    // The firm's ledger shows it closed too.
    const firm = await phoneAs('firm.jinrun');
    const firmView = new RectificationsPage(firm, stack.adminUrl);
    await firmView.goto();
    const closed = firmView.group('closed').locator(`[data-id="${rectificationId}"]`);
    // Listed among the closed items (older ones fold away under "显示其余").
    await closed.waitFor({ state: 'attached' });
    expect(await closed.getAttribute('data-status')).toBe('closed');
    await screenshot(firm, 'field-13-firm-closed');
  });

  it('works without JavaScript: firm.anhe submits its self-inspection (自查自纠) through the server', async () => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await new LoginPage(page, stack.adminUrl).logInAs('firm.anhe', DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/compounds');
    const self = page.getByTestId('self-inspections').locator('a').first();
    await self.waitFor();
    await self.click();
    const form = new InspectionPage(page);
    await form.form.waitFor();
    const codes = await form.itemCodes();
    expect(codes.length).toBeGreaterThan(35);
    for (const category of await form.categories.evaluateAll((list) =>
      list.map((c) => c.getAttribute('data-category') ?? ''),
    )) {
      await form.openCategory(category);
    }
    for (const code of codes) {
      const item = form.item(code);
      await item.locator('label.outcome.pass').click();
      const score = item.locator('input[name^="score:"]');
      // Full marks: the placeholder says the range ("0–10").
      if ((await score.count()) > 0)
        await score.fill((await score.getAttribute('placeholder'))?.split('–')[1] ?? '0');
    }
    // Without JavaScript the summary comes from the server (the review action), then the real post.
    await form.reviewButton.click();
    await form.summary.waitFor();
    expect(await form.count('pass')).toBe(codes.length);
    await screenshot(page, 'field-14-no-js-summary', false);
    await form.submitButton.click();
    await form.result.waitFor();
    expect(await page.getByTestId('result-score').innerText()).toBe('100');
    expect(await page.getByTestId('created-rectification').count()).toBe(0);
  });
});
