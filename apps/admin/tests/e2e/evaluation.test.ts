// 激励评价 in a real browser against the whole real stack with the demo pilots (whose importer
// publishes July to November 2026 and the third quarter): the admin (admin.jinshui) computes a month
// the demo left alone, reads its draft ranking and publishes it, reads the latest ranking with its
// movement, opens a firm's explanation (the components and the case bonus add up to the score),
// and on 红黑榜 confirms a 红榜 candidate with a reason and dates; that firm then signs in on a
// phone and sees its own evaluation and its listing. Screenshots land in
// apps/admin/test-results/screenshots/incentives-eval-*.png.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, cspViolations, launchBrowser, screenshot } from '../support/browser';
import { signIn } from '../support/sign-in';
import { startStack, type Stack } from '../support/stack';

/** A month before the demo's first published one: computed and published here. */
const NEW_PERIOD = '2026-06';
const REASON = '连续两期评价等级保持优秀，整改及时率全街道第一，经街道工作专班核实列入红榜。';
const UNTIL = '2027-06-30';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** The firm the admin puts on the red list, and the period its candidacy came from. */
let redFirm = '';

const signedIn = (username: string, options: BrowserContextOptions): Promise<Page> =>
  signIn(browser, contexts, stack.adminUrl, username, options);

let admin: Page;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  admin = await signedIn('admin.jinshui', DESKTOP);
}, 600_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('激励评价 from computing a period to the firm reading its listing', () => {
  it('is computed and published by the admin, who reads the draft ranking first', async () => {
    await admin.goto(`${stack.adminUrl}/incentives/evaluation`);
    await admin.getByTestId('ranking').waitFor();
    const form = admin.getByTestId('compute-form');
    await form.getByTestId('compute-period').fill(NEW_PERIOD);
    await form.getByTestId('compute-submit').click();
    await admin.waitForURL((url) => url.searchParams.get('period') === NEW_PERIOD);
    await expect(admin.getByTestId('evaluation-done').textContent()).resolves.toContain(NEW_PERIOD);
    const draft = admin.getByTestId('ranking');
    await expect(draft.getAttribute('data-period')).resolves.toBe(NEW_PERIOD);
    await admin.getByTestId('ranking-publish').waitFor();
    await screenshot(admin, 'incentives-eval-draft');

    await admin.getByTestId('ranking-publish').click();
    await admin.waitForURL((url) => (url.searchParams.get('done') ?? '').startsWith('published'));
    await expect(
      admin.locator(`[data-testid="period-row"][data-period="${NEW_PERIOD}"]`).getAttribute('data-status'),
    ).resolves.toBe('published');
    await expect(admin.getByTestId('ranking-publish').count()).resolves.toBe(0);
  });

  it('shows the latest ranking with each firm’s movement', async () => {
    await admin.goto(`${stack.adminUrl}/incentives/evaluation`);
    const ranking = admin.getByTestId('ranking');
    await ranking.waitFor();
    await expect(ranking.getAttribute('data-period')).resolves.toBe('2026-11');
    const rows = ranking.getByTestId('ranking-row');
    expect(await rows.count()).toBeGreaterThan(1);
    // November compares with October: the firms ranked both months show a movement, not 新上榜.
    const movements = await ranking
      .getByTestId('ranking-movement')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-movement')));
    expect(movements.some((m) => m !== 'new')).toBe(true);
    await screenshot(admin, 'incentives-eval-ranking');
  });

  it('explains a firm’s score: the components and the bonus add up to it', async () => {
    const first = admin.getByTestId('ranking-row').first();
    await first.locator('a').first().click();
    const page = admin.getByTestId('evaluation-explain');
    await page.waitFor();
    const score = Number(await page.getAttribute('data-score'));
    const bonus = Number(await page.getAttribute('data-bonus'));
    const parts = await admin
      .getByTestId('explain-row')
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-contribution'))));
    expect(parts.length).toBeGreaterThan(3);
    const sum = parts.reduce((total, part) => total + part, 0) + bonus;
    expect(Math.abs(sum - score)).toBeLessThan(0.01);
    await admin.getByTestId('explain-next').waitFor();
    await screenshot(admin, 'incentives-eval-explain');
  });

  it('puts a 红榜 candidate on the list with a reason and effective dates', async () => {
    await admin.goto(`${stack.adminUrl}/incentives/lists`);
    const candidate = admin.locator('[data-testid="candidate"][data-list="red"]').first();
    await candidate.waitFor();
    redFirm = (await candidate.getAttribute('data-firm')) ?? '';
    expect(redFirm).toMatch(/^firm-/);
    await screenshot(admin, 'incentives-eval-candidates');
    await candidate.getByTestId('candidate-reason').fill(REASON);
    const from = await candidate.getByTestId('candidate-from').inputValue();
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await candidate.locator('input[name="effectiveUntil"]').fill(UNTIL);
    await candidate.getByTestId('candidate-confirm').click();
    await admin.getByTestId('lists-done').waitFor();
    const listed = admin
      .getByTestId('list-red')
      .locator(`[data-testid="listed-entry"][data-firm="${redFirm}"]`);
    await expect(listed.textContent()).resolves.toContain(REASON);
    await expect(listed.textContent()).resolves.toContain(UNTIL);
    await screenshot(admin, 'incentives-eval-red-listed');
  });

  it('shows the firm, on its phone, its own evaluation and its listing with the dates', async () => {
    const firm = await signedIn(redFirm.replace(/^firm-/, 'firm.'), PHONE);
    await firm.goto(`${stack.adminUrl}/incentives/evaluation`);
    // A firm is taken to its own latest published evaluation.
    await firm.waitForURL((url) => url.pathname.endsWith(`/${redFirm}`));
    await firm.getByTestId('evaluation-explain').waitFor();
    const listing = firm.locator('[data-testid="firm-listing"][data-list="red"][data-status="listed"]');
    await expect(listing.getAttribute('data-in-effect')).resolves.toBe('true');
    await expect(listing.getByTestId('firm-listing-dates').textContent()).resolves.toContain(UNTIL);
    await expect(listing.textContent()).resolves.toContain(REASON);
    // The tabs a firm has: no 红黑榜 administration.
    await expect(firm.getByTestId('incentives-tabs').locator('a').count()).resolves.toBe(2);
    await expect(firm.getByTestId('incentives-tab-lists').count()).resolves.toBe(0);
    await screenshot(firm, 'incentives-eval-firm-phone');
    // Another firm's evaluation is not within reach.
    const other = redFirm === 'firm-xiangshun' ? 'firm-jinrun' : 'firm-xiangshun';
    const response = await firm.goto(`${stack.adminUrl}/incentives/evaluation/2026-11/${other}`);
    expect(response?.status()).toBe(404);
  });

  it('broke no Content-Security-Policy rule', () => {
    expect(cspViolations()).toEqual([]);
  });
});
