// 三微案例 and 信息公开 in a real browser against the whole real stack: 祥顺物业 (firm.xiangshun)
// submits a case with a photo from the phone, 王 (coord.wang) shortlists it, composes an issue of it
// and publishes it, the admin (admin.jinshui) publishes the public page, and an anonymous visitor on
// a phone opens /public/锦水街道 and reads the issue. Screenshots land in
// apps/admin/test-results/screenshots/incentives-cases-*.png and public-*.png.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot } from '../support/browser';
import { signIn } from '../support/sign-in';
import { makePng } from '../support/png';
import { startStack, type Stack } from '../support/stack';

const TITLE = '单元门禁一周修好';
const BODY =
  '业主反映3号楼单元门禁失灵，物业当天登记、三天内更换了门禁主板，并为老人录入人脸，回访业主满意。';
const ISSUE_TITLE = '门禁安全 守护到家';
const SUBDISTRICT = '锦水街道';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

const signedIn = (username: string, options: BrowserContextOptions): Promise<Page> =>
  signIn(browser, contexts, stack.adminUrl, username, options);

beforeAll(async () => {
  stack = await startStack({ demoPilots: false });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('三微案例 from a firm’s phone to the public page', () => {
  it('is submitted by the firm on a phone, with a photo', async () => {
    const firm = await signedIn('firm.xiangshun', PHONE);
    await firm.goto(`${stack.adminUrl}/incentives/cases`);
    const form = firm.getByTestId('case-form');
    await form.getByTestId('case-type-innovation').check();
    await form.locator('input[name="title"]').fill(TITLE);
    await form.locator('textarea[name="body"]').fill(BODY);
    await form.locator('input[type="file"]').setInputFiles({
      name: 'door.png',
      mimeType: 'image/png',
      buffer: makePng(90, 60, [40, 120, 200]),
    });
    await screenshot(firm, 'incentives-cases-firm-form');
    await firm.getByTestId('case-submit').click();
    await firm.getByTestId('cases-flash').waitFor();
    const item = firm.getByTestId('case-item').filter({ hasText: TITLE });
    await expect(item.getByTestId('case-status').textContent()).resolves.toContain('待审核');
    await screenshot(firm, 'incentives-cases-firm-submitted');
  });

  it('is shortlisted by the coordinator, put in an issue and published', async () => {
    const coordinator = await signedIn('coord.wang', DESKTOP);
    await coordinator.goto(`${stack.adminUrl}/incentives/cases`);
    const queued = coordinator.getByTestId('queue-item').filter({ hasText: TITLE });
    await screenshot(coordinator, 'incentives-cases-queue');
    await queued.getByTestId('review-accept').click();
    await coordinator.getByTestId('cases-flash').waitFor();
    const issueForm = coordinator.getByTestId('issue-form');
    await issueForm.getByTestId('issue-title').fill(ISSUE_TITLE);
    await issueForm.locator('label', { hasText: TITLE }).getByTestId('issue-case').check();
    await issueForm.getByTestId('issue-create').click();
    await coordinator.getByTestId('cases-flash').waitFor();
    const draft = coordinator.getByTestId('issue-item').filter({ hasText: ISSUE_TITLE });
    await draft.getByTestId('issue-publish').click();
    await coordinator.waitForURL((url) => url.search.includes('issuePublished'));
    await expect(
      coordinator.getByTestId('issue-item').filter({ hasText: ISSUE_TITLE }).textContent(),
    ).resolves.toContain('已发布');
    await screenshot(coordinator, 'incentives-cases-issue-published');
  });

  it('reaches the public page the admin publishes, read by an anonymous phone visitor', async () => {
    const admin = await signedIn('admin.jinshui', DESKTOP);
    await admin.goto(`${stack.adminUrl}/incentives/disclosure`);
    await admin.getByTestId('disclosure-preview').waitFor();
    await admin.getByTestId('disclosure-publish').click();
    await admin.getByTestId('disclosure-published').waitFor();
    await screenshot(admin, 'incentives-cases-disclosure');

    const context = await newContext(browser, PHONE);
    contexts.push(context);
    const visitor = await context.newPage();
    const response = await visitor.goto(`${stack.adminUrl}/public/${encodeURIComponent(SUBDISTRICT)}`);
    expect(response?.status()).toBe(200);
    // Not sent to log in: the page is open to anyone.
    expect(new URL(visitor.url()).pathname).toBe(`/public/${encodeURIComponent(SUBDISTRICT)}`);
    await visitor.getByTestId('public-cases').waitFor();
    await expect(visitor.getByTestId('public-cases').textContent()).resolves.toContain(ISSUE_TITLE);
    await expect(visitor.getByTestId('public-page').textContent()).resolves.not.toMatch(/1[3-9]\d{9}/);
    await screenshot(visitor, 'public-phone');
  });
});
