// 全面推广 in a real browser against the whole real stack with the demo pilots: 王 (coord.wang)
// drafts a rollout campaign of four compounds with its deployment meeting, reads the 26-week
// workload forecast (one inspector leads all four, above a capacity of 2: weeks are flagged),
// gives two compounds other inspectors, confirms once and watches the four pilots start through
// the campaign workflow, then opens one of them; a phone shows the same page. Screenshots land in
// apps/admin/test-results/screenshots/incentives-campaign-*.png.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, cspViolations, launchBrowser, screenshot } from '../support/browser';
import { signIn } from '../support/sign-in';
import { startStack, type Stack } from '../support/stack';

const NAME = '锦水街道第二批全面推广';
/** The origin pilot's compound the form offered first (read from the form). */
let originName = '';
const MINUTES = '通报玫瑰家园试点经验；明确四个小区的自查自纠时间表和检查员分工；企业负责人表态按标准整改。';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let coordinator: Page;
let campaignUrl = '';

const signedIn = (username: string, options: BrowserContextOptions): Promise<Page> =>
  signIn(browser, contexts, stack.adminUrl, username, options);

/** A Shanghai date some days from now (the form refuses a start in the past). */
function shanghaiDate(daysAhead: number): string {
  const ms = Date.now() + daysAhead * 86_400_000;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
}

/**
 * The demo's import starts its fresh pilots and its own campaign without waiting for them: the form
 * is read once the compounds it offers stop changing (and the demo campaign has its pilots).
 */
async function settledCampaignsPage(page: Page): Promise<void> {
  let last = -1;
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await page.goto(`${stack.adminUrl}/incentives/campaigns`);
    const offered = await page.getByTestId('compound-choice').count();
    const enrolling = await page.locator('[data-testid="campaign-item"][data-status="enrolling"]').count();
    if (offered === last && enrolling === 0) return;
    last = offered;
    await page.waitForTimeout(2_000);
  }
  throw new Error('the demo pilots did not settle');
}

const flaggedOf = async (page: Page) =>
  Number(await page.getByTestId('forecast').getAttribute('data-flagged'));

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  coordinator = await signedIn('coord.wang', DESKTOP);
}, 600_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('全面推广: a coordinator rolls the pilot out to four compounds', () => {
  it('drafts the campaign with its deployment meeting and reads a flagged forecast', async () => {
    await settledCampaignsPage(coordinator);
    const form = coordinator.getByTestId('campaign-form');
    await form.getByTestId('campaign-name').fill(NAME);
    const firstOrigin = form.getByTestId('campaign-origins').locator('label').first();
    originName = ((await firstOrigin.textContent()) ?? '').trim().split(/[（(\s]/)[0] ?? '';
    await firstOrigin.locator('input[type="checkbox"]').check();
    await form.getByTestId('meeting-on').fill(shanghaiDate(3));
    await form.getByTestId('meeting-place').fill('锦水街道办事处三楼会议室');
    await form.getByTestId('attendees-subdistrict').fill('王协调员、张检查员');
    await form.getByTestId('attendees-community').fill('玫瑰社区 刘主任');
    await form.getByTestId('attendees-firms').fill('各拟达标物业企业项目经理');
    await form.getByTestId('meeting-minutes').fill(MINUTES);
    await form.getByTestId('start-date').fill(shanghaiDate(14));
    await form.getByTestId('weekly-capacity').fill('3');

    const choices = form.locator('[data-testid="compound-choice"][data-black="false"]');
    expect(await choices.count()).toBeGreaterThanOrEqual(4);
    const leadOptions = await choices
      .first()
      .getByTestId('compound-lead')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(leadOptions.length).toBeGreaterThanOrEqual(4);
    // One lead and one second for all four compounds: their weeks pile up.
    for (let index = 0; index < 4; index += 1) {
      const choice = choices.nth(index);
      await choice.getByTestId('compound-pick').check();
      await choice.getByTestId('compound-lead').selectOption(leadOptions[0]!);
      await choice.getByTestId('compound-second').selectOption(leadOptions[1]!);
    }
    await screenshot(coordinator, 'incentives-campaign-draft-form');
    await form.getByTestId('campaign-create').click();
    await coordinator.waitForURL((url) => /\/incentives\/campaigns\/[^/]+$/.test(url.pathname));
    campaignUrl = coordinator.url().split('?')[0]!;
    await expect(coordinator.getByTestId('campaign-status').textContent()).resolves.toContain('草稿');
    await expect(coordinator.getByTestId('campaign-meeting').textContent()).resolves.toContain(MINUTES);
    await expect(coordinator.getByTestId('campaign-compound').count()).resolves.toBe(4);

    const forecast = coordinator.getByTestId('forecast');
    await forecast.waitFor();
    // 26 weeks per inspector, and at least one of them above the capacity.
    const row = forecast.getByTestId('forecast-row').first();
    await expect(row.getByTestId('forecast-cell').count()).resolves.toBe(26);
    expect(await flaggedOf(coordinator)).toBeGreaterThan(0);
    await coordinator.getByTestId('forecast-flagged').waitFor();
    expect(await forecast.locator('[data-testid="forecast-cell"][data-over="true"]').count()).toBeGreaterThan(
      0,
    );
    await screenshot(coordinator, 'incentives-campaign-forecast');
  });

  it('rebalances two compounds onto other inspectors, and the flagged weeks go down', async () => {
    const before = await flaggedOf(coordinator);
    const first = coordinator.getByTestId('campaign-compound').first();
    const lead = await first.getByTestId('rebalance-lead').inputValue();
    const second = await first.getByTestId('rebalance-second').inputValue();
    // Compounds 3 and 4 swap the two inspectors' roles: the weekly inspections are shared out.
    for (const index of [2, 3]) {
      const compound = coordinator.getByTestId('campaign-compound').nth(index);
      await compound.getByTestId('rebalance-lead').selectOption(second);
      await compound.getByTestId('rebalance-second').selectOption(lead);
      await compound.getByTestId('rebalance-submit').click();
      await coordinator.waitForURL((url) => url.searchParams.get('done') === 'rebalanced');
      await coordinator.getByTestId('forecast').waitFor();
      // The next round waits for its own redirect.
      await coordinator.goto(campaignUrl);
    }
    const after = await flaggedOf(coordinator);
    expect(after).toBeLessThan(before);
    await screenshot(coordinator, 'incentives-campaign-rebalanced');
  });

  it('is confirmed once, and the four pilots start, each linking to its pilot page', async () => {
    await coordinator.getByTestId('campaign-confirm').click();
    await coordinator
      .waitForURL((url) => url.searchParams.get('done') === 'confirmed')
      .catch(async (error: unknown) => {
        await screenshot(coordinator, 'incentives-campaign-refused');
        throw new Error(`not confirmed: ${await coordinator.locator('.confirm').textContent()}`, {
          cause: error,
        });
      });
    await screenshot(coordinator, 'incentives-campaign-starting');
    // The page polls the progress route until every compound has an outcome.
    await coordinator
      .locator('[data-testid="campaign-compound"][data-state="started"]')
      .nth(3)
      .waitFor({ timeout: 90_000 });
    await expect(coordinator.getByTestId('campaign-compound').count()).resolves.toBe(4);
    await expect(coordinator.locator('[data-testid="compound-failure"]').count()).resolves.toBe(0);
    await expect(coordinator.getByTestId('compound-pilot').count()).resolves.toBe(4);
    await expect(coordinator.getByTestId('campaign-counts').textContent()).resolves.toContain('已启动 4');
    await screenshot(coordinator, 'incentives-campaign-started');

    const phone = await signedIn('coord.wang', PHONE);
    await phone.goto(campaignUrl);
    await phone.locator('[data-testid="campaign-compound"][data-state="started"]').nth(3).waitFor();
    await screenshot(phone, 'incentives-campaign-phone');
    // The draft form is a coordinator's phone job too: it fits the width, nothing scrolls sideways.
    await phone.goto(`${stack.adminUrl}/incentives/campaigns`);
    await phone.getByTestId('campaign-form').waitFor();
    const sideways = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBeLessThanOrEqual(1);
    await screenshot(phone, 'incentives-campaign-phone-form');

    const href = await coordinator.getByTestId('compound-pilot').first().getAttribute('href');
    expect(href).toMatch(/^\/pilots\//);
    await coordinator.getByTestId('compound-pilot').first().click();
    await coordinator.waitForURL((url) => url.pathname === href);
    await coordinator.waitForLoadState('networkidle');
    // The new pilot shows where it came from: the origin pilot and the campaign, each a link.
    await expect(coordinator.getByTestId('pilot-origin').textContent()).resolves.toContain(originName);
    await expect(coordinator.getByTestId('pilot-campaign').textContent()).resolves.toContain(NAME);
    await screenshot(coordinator, 'incentives-campaign-pilot');
    // So does its card on the board.
    await coordinator.goto(`${stack.adminUrl}/pilots`);
    const lineages = await coordinator.getByTestId('pilot-lineage').allTextContents();
    expect(lineages.filter((text) => text.includes(NAME))).toHaveLength(4);
  });

  it('lists the campaign on the tab', async () => {
    await coordinator.goto(`${stack.adminUrl}/incentives/campaigns`);
    const item = coordinator.getByTestId('campaign-item').filter({ hasText: NAME });
    await expect(item.getAttribute('data-status')).resolves.not.toBe('draft');
  });

  it('broke no Content-Security-Policy rule', () => {
    expect(cspViolations()).toEqual([]);
  });
});
