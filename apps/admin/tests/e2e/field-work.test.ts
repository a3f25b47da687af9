// Field work on a phone (375 × 812) against the whole real stack: 孙明 (insp.sun) does the open weekly
// check of 金桂园 (no lifts, no fire-control room: those items are 不适用) with one failed item (note and
// a photo), checks the summary and submits; then the key-part check of its consolidation round, place
// by place. The firm (firm.jinrun) answers the rectification with a photo; the inspector accepts it
// and it is closed (a second verdict from another tab is told it is closed). 众诚物业 contains a
// critical hazard first (已管控). The lists filter and page through the API, also without JavaScript.
// Screenshots of each step land in apps/admin/test-results/screenshots/field-*.png.
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../pages/app-shell';
import { InspectionPage } from '../pages/inspection-page';
import { LoginPage } from '../pages/login-page';
import { RectificationsPage } from '../pages/rectifications-page';
import { TasksPage } from '../pages/tasks-page';
import { PHONE, cspViolations, launchBrowser, newContext, screenshot } from '../support/browser';
import { makePng } from '../support/png';
import { startStack, type Stack } from '../support/stack';

const COMPOUND = 'cmp-jinguiyuan';
const FINDING = '消防控制室值班记录缺少夜班签字，灭火器压力不足未更换';
const ANSWER = '已补齐夜班值班签字，更换 2 具灭火器并张贴检查标签';
const KEY_PART_FINDING = '化粪池井盖锈蚀松动，未加锁';
const CONTROL = '破损井盖处已设置围挡和警示标识，夜间设警示灯，指定专人每日巡查';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function phoneAs(username: string): Promise<Page> {
  const context = await newContext(browser, PHONE);
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

/** Unfolds a list's filters (they start open when some are set, folded otherwise). */
async function openFilters(page: Page, prefix: string): Promise<void> {
  const summary = page.getByTestId(`${prefix}-more`);
  const open = await summary.evaluate((element) => element.parentElement?.hasAttribute('open') ?? false);
  if (!open) await summary.click();
}

/** Nothing wider than the phone, and every image on the page actually drawn. */
async function fitsThePhone(page: Page): Promise<void> {
  expect(await new AppShell(page).hasHorizontalScroll()).toBe(false);
  const broken = await page.$$eval('img', (images) =>
    images.filter((img) => img.complete && img.naturalWidth === 0).map((img) => img.src),
  );
  expect(broken).toEqual([]);
}

/**
 * A firm's self-inspection submitted through the API, every item passed but `failing` (with a
 * note): the quickest way to a rectification the firm must handle. Answers its id.
 */
async function selfInspectWithFailure(username: string, pilotId: string, failing: string): Promise<string> {
  const login = await fetch(`${stack.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const taskId = `${pilotId}:r1-self-01`;
  const task = (await (await fetch(`${stack.apiUrl}/tasks/${taskId}`, { headers: auth })).json()) as {
    checklist: {
      categories: Array<{
        standards: Array<{ code: string; scoring: { mode: 'binary' } | { mode: 'graded'; max: number } }>;
      }>;
    };
  };
  const items = task.checklist.categories.flatMap((category) =>
    category.standards.map((standard) => {
      const graded = standard.scoring.mode === 'graded' ? standard.scoring.max : undefined;
      return standard.code === failing
        ? {
            code: standard.code,
            outcome: 'fail',
            note: '3 号楼北侧雨水井盖破损',
            ...(graded ? { score: 0 } : {}),
          }
        : { code: standard.code, outcome: 'pass', ...(graded ? { score: graded } : {}) };
    }),
  );
  const submitted = await fetch(`${stack.apiUrl}/tasks/${taskId}/submit`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ items }),
  });
  expect(submitted.status).toBeLessThan(300);
  const result = (await submitted.json()) as { rectifications: Array<{ id: string; standardCode: string }> };
  const created = result.rectifications.find((item) => item.standardCode === failing);
  expect(created).toBeDefined();
  return created?.id ?? '';
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
    // The demo import starts its fresh pilots and its 全面推广 campaign without waiting; on a busy
    // machine the worker opens 金桂园's week only after those, so the list is read again until it shows.
    await expect
      .poll(
        async () => {
          if ((await card.count()) === 0) await inspector.reload();
          return card.count();
        },
        { timeout: 120_000, interval: 3_000 },
      )
      .toBeGreaterThan(0);
    expect(await card.innerText()).toContain('周检查');
    await fitsThePhone(inspector);
    await screenshot(inspector, 'field-01-inspector-tasks');

    await card.click();
    const form = new InspectionPage(inspector);
    await form.form.waitFor();
    const codes = await form.itemCodes();
    // 金桂园 has no lifts and no fire-control room: of the 35 weekly items those are not asked; they
    // are listed, folded, as 不适用 with the reason.
    const notApplicable = form.notApplicable.getByTestId('not-applicable-item');
    const skipped = await notApplicable.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-code')),
    );
    expect(codes.length + skipped.length).toBe(35);
    expect(skipped).toEqual(expect.arrayContaining(['C-05', 'C-06', 'C-07', 'C-08']));
    expect(codes).not.toContain('C-06');
    await form.notApplicable.locator('summary').click();
    expect(await notApplicable.and(inspector.locator('[data-code="C-06"]')).innerText()).toContain(
      '本小区没有电梯，此项不适用',
    );
    await form.notApplicable.scrollIntoViewIfNeeded();
    await screenshot(inspector, 'field-02b-not-applicable', false);
    await form.notApplicable.locator('summary').click();
    const total = codes.length;
    expect(await form.answered()).toEqual({ answered: 0, total });
    // Staff-operation standards are tagged (they count towards 规范操作执行率).
    expect(await form.items.getByTestId('tag-operation').count()).toBeGreaterThan(0);
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
    expect(await form.answered()).toEqual({ answered: total, total });

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
    expect(await form.count('pass')).toBe(total - 1);
    expect(await form.count('na')).toBe(0);
    expect(await inspector.getByTestId('summary-failed').innerText()).toContain(FINDING);
    await screenshot(inspector, 'field-05-summary', false);

    // A photo of the inspection as a whole (the duty roster at the gate), beside the items' own.
    const whole = inspector.getByTestId('inspection-photos');
    await whole.locator('input[type="file"]').setInputFiles({
      name: 'gate.png',
      mimeType: 'image/png',
      buffer: makePng(80, 60, [30, 64, 175]),
    });
    await whole.getByTestId('attachment').first().waitFor();

    await form.submitButton.click();
    await form.result.waitFor({ timeout: 60_000 });
    expect(await inspector.getByTestId('submitted-banner').isVisible()).toBe(true);
    // Both rates of the inspection, and the inspection's own photo shown afterwards.
    expect(await inspector.getByTestId('result-compliance').innerText()).toMatch(/%$/);
    await inspector.locator('section[aria-labelledby="whole-title"] img').first().waitFor();
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

  it('insp.sun does the key-part check of the consolidation round, place by place', async () => {
    const tasks = new TasksPage(inspector, stack.adminUrl);
    await tasks.goto();
    const card = tasks.openCard('consolidation', COMPOUND);
    await card.waitFor();
    await card.click();
    const form = new InspectionPage(inspector);
    await form.form.waitFor();
    expect(await inspector.getByTestId('key-part-focus').innerText()).toContain('化粪池');
    // One section per place (重点部位), the standards asked there inside; no category sections.
    const parts = await form.keyParts.evaluateAll((list) =>
      list.map((p) => p.getAttribute('data-key-part') ?? ''),
    );
    expect(parts).toEqual(expect.arrayContaining(['septic_tank', 'refuse_room']));
    expect(await form.categories.count()).toBe(0);
    const ids = await form.entryIds();
    // Every answer carries its place: `septic_tank/B-13`.
    expect(ids.every((id) => /^[a-z_]+\/[A-H]-\d{2}$/.test(id))).toBe(true);
    expect(await form.answered()).toEqual({ answered: 0, total: ids.length });
    await fitsThePhone(inspector);
    await screenshot(inspector, 'field-06b-key-part-form', false);

    const failed = ids.find((id) => id.startsWith('septic_tank/')) ?? ids[0]!;
    for (const part of parts) {
      await form.openKeyPart(part);
      for (const id of ids.filter((entry) => entry.startsWith(`${part}/`))) {
        await form.answer(id, id === failed ? 'fail' : 'pass');
        const score = form.item(id).locator('input[name^="score:"]');
        if (id === failed && (await score.count()) > 0) await score.fill('0');
      }
    }
    await form.note(failed, KEY_PART_FINDING);
    await form.reviewButton.click();
    await form.summary.waitFor();
    // The summary says how each place came out.
    const row = inspector.locator('[data-testid="summary-parts"] tr[data-key-part="septic_tank"]');
    expect(await row.getByTestId('part-fail').innerText()).toBe('1');
    expect(await inspector.getByTestId('summary-failed').innerText()).toContain('化粪池');
    await screenshot(inspector, 'field-06c-key-part-summary', false);

    await form.submitButton.click();
    await form.result.waitFor({ timeout: 60_000 });
    const created = inspector.getByTestId('created-rectification');
    expect(await created.count()).toBe(1);
    expect(await created.innerText()).toContain('化粪池');
    expect(await created.innerText()).toContain(KEY_PART_FINDING);
    await screenshot(inspector, 'field-06d-key-part-result');

    // The coordinator sees the place in its loop: a problem found, being rectified.
    const coordinator = await phoneAs('coord.wang');
    await coordinator.goto(`${stack.adminUrl}/pilots/enr-cmp-jinguiyuan`);
    const septic = coordinator.locator('[data-testid="key-part"][data-key-part="septic_tank"]');
    await septic.waitFor();
    expect(await septic.getAttribute('data-status')).toBe('rectifying');
    expect(await septic.getByTestId('key-part-scores').innerText()).toMatch(/整改前 \d+(\.\d)? → 整改后 —/);
    await septic.scrollIntoViewIfNeeded();
    await fitsThePhone(coordinator);
    await screenshot(coordinator, 'field-06e-key-part-loop', false);
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

    // A second tab of the same item, opened before the verdict.
    const other = await inspector.context().newPage();
    const second = new RectificationsPage(other, stack.adminUrl);
    await other.goto(`${stack.adminUrl}/rectifications/${rectificationId}`);
    await second.verifyForm.waitFor();

    await rectifications.verify('accept');
    expect(await rectifications.status()).toBe('closed');
    expect(await inspector.getByTestId('rectification-status').innerText()).toBe('已销号');
    await screenshot(inspector, 'field-12-closed');

    // A verdict sent from the stale tab is told, in the API's words, that the item is closed.
    await second.verifyForm.locator('label.decision.reject').click();
    await second.verifyForm.locator('textarea[name="reason"]').fill('灭火器检查标签未张贴');
    await second.verifyForm.getByTestId('verify-submit').click();
    const refused = other.getByTestId('action-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('核验销号');
    expect(await second.status()).toBe('closed');
    await screenshot(other, 'field-12b-already-closed');
    await other.close();

    // The firm's ledger shows it closed too.
    const firm = await phoneAs('firm.jinrun');
    const firmView = new RectificationsPage(firm, stack.adminUrl);
    await firmView.goto();
    // Closed items are counted on the overview and found through the filters: 已销号 and the finding's words.
    await firm.getByTestId('see-all-closed').click();
    await firm.waitForURL((url) => url.searchParams.get('status') === 'closed');
    await firm.locator('#rect-filter-q').fill(FINDING.slice(0, 12));
    await firm.getByTestId('rect-filter-apply').click();
    await firm.waitForURL((url) => url.searchParams.get('q') === FINDING.slice(0, 12));
    expect(new URL(firm.url()).searchParams.get('status')).toBe('closed');
    const closed = firmView.card(rectificationId);
    await closed.waitFor();
    expect(await firmView.cards().count()).toBe(1);
    expect(await closed.getAttribute('data-status')).toBe('closed');
    await screenshot(firm, 'field-13-firm-closed');
  });

  it('众诚物业 contains a critical hazard first (已管控), with the rule shown and both dates kept', async () => {
    // Setup through the API: the firm's self-inspection of 和平里 finds a broken manhole cover (B-13,
    // critical; catalogue 2026.1 names what counts as controlled for it).
    const rectification = await selfInspectWithFailure('firm.zhongcheng', 'enr-cmp-hepingli', 'B-13');

    const firm = await phoneAs('firm.zhongcheng');
    const list = new RectificationsPage(firm, stack.adminUrl);
    await list.goto();
    const card = list.group('awaitingAnswer').locator(`[data-id="${rectification}"]`);
    await card.waitFor();
    await list.open(rectification);
    const rule = firm.getByTestId('control-rule');
    expect(await rule.innerText()).toContain('围挡');
    // Nothing is sent without measures and a photo.
    await list.controlForm.getByTestId('control-submit').click();
    await list.controlForm.locator('#measures-error').waitFor();
    await fitsThePhone(firm);
    await screenshot(firm, 'field-15-control-form', false);

    await list.control(CONTROL, makePng(100, 80, [180, 83, 9]));
    expect(await list.status()).toBe('controlled');
    expect(await firm.getByTestId('rectification-status').innerText()).toBe('已管控');
    expect(await firm.getByTestId('controlled-at').innerText()).not.toBe('');
    expect(await firm.getByTestId('history-control').innerText()).toContain(CONTROL);
    // Controlled is not fixed: the firm still answers the fix, and cannot control twice.
    expect(await list.controlForm.count()).toBe(0);
    await list.respondForm.waitFor();
    await screenshot(firm, 'field-16-controlled');

    // The list shows the state and its date, and filters by the records' own word.
    await list.goto('?status=controlled');
    const controlled = list.card(rectification);
    await controlled.waitFor();
    expect(await controlled.getAttribute('data-status')).toBe('controlled');
    expect(await controlled.getByTestId('card-controlled-at').innerText()).toContain('已管控');
    await screenshot(firm, 'field-17-controlled-list');
  });

  it('lists filter and page through the API, with the filters in the address (also without JavaScript)', async () => {
    const tasks = new TasksPage(inspector, stack.adminUrl);
    await tasks.goto();
    // More upcoming checks than the overview shows: it links to their paged list.
    await inspector.getByTestId('see-all-upcoming').click();
    await inspector.waitForURL((url) => url.searchParams.get('status') === 'upcoming');
    await openFilters(inspector, 'task-filter');
    await inspector.locator('#task-filter-kind').selectOption({ label: '周检查' });
    await inspector.getByTestId('task-filter-apply-all').click();
    await inspector.waitForURL((url) => url.searchParams.get('kind') === 'weekly');
    const cards = tasks.allCards();
    const kinds = () => cards.evaluateAll((list) => list.map((card) => card.getAttribute('data-kind')));
    await cards.first().waitFor();
    expect(await cards.count()).toBe(20);
    expect(new Set(await kinds())).toEqual(new Set(['weekly']));
    await fitsThePhone(inspector);
    // Every control of the filters is a thumb's size.
    for (const height of await inspector
      .locator('[data-testid="task-filters"] :is(button, a, select, input, summary):visible')
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height))) {
      expect(height).toBeGreaterThanOrEqual(44);
    }
    await screenshot(inspector, 'field-18-tasks-filtered', false);
    // Page 2 keeps the filters; the address says so.
    await inspector.locator('[data-testid="task-results"] a[rel="next"]').click();
    await inspector.waitForURL((url) => url.searchParams.get('page') === '2');
    const url = new URL(inspector.url());
    expect([url.searchParams.get('status'), url.searchParams.get('kind')]).toEqual(['upcoming', 'weekly']);
    expect(new Set(await kinds())).toEqual(new Set(['weekly']));
    // Narrowed to one compound (a filter from the pilots the inspector works on).
    await inspector.locator('#task-filter-compound').selectOption({ label: '金桂园' });
    await inspector.getByTestId('task-filter-apply-all').click();
    await inspector.waitForURL((next) => next.searchParams.get('compound') === COMPOUND);
    await cards.first().waitFor();
    const compounds = await cards.evaluateAll((list) =>
      list.map((card) => card.getAttribute('data-compound')),
    );
    expect(new Set(compounds)).toEqual(new Set([COMPOUND]));
    // A new search starts again at page 1.
    expect(new URL(inspector.url()).searchParams.get('page')).toBeNull();

    // The search, as a plain GET form without JavaScript; the address keeps it.
    const context = await newContext(browser, { ...PHONE, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await new LoginPage(page, stack.adminUrl).logInAs('firm.jinrun', DEMO_PASSWORD);
    const view = new RectificationsPage(page, stack.adminUrl);
    await view.goto();
    await page.locator('#rect-filter-q').fill('东湖雅苑');
    await page.getByTestId('rect-filter-apply').click();
    await page.waitForURL((url) => url.searchParams.get('q') === '东湖雅苑');
    const found = await view.cards().evaluateAll((list) => list.map((card) => card.textContent ?? ''));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((text) => text.includes('东湖雅苑'))).toBe(true);
    await openFilters(page, 'rect-filter');
    await page.locator('#rect-filter-status').selectOption({ label: '已销号' });
    await page.getByTestId('rect-filter-apply-all').click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'closed');
    expect(new URL(page.url()).searchParams.get('q')).toBe('东湖雅苑');
    const statuses = await view
      .cards()
      .evaluateAll((list) => list.map((card) => card.getAttribute('data-status')));
    expect(statuses.every((status) => status === 'closed')).toBe(true);
    await screenshot(page, 'field-19-rectifications-filtered-nojs');
  });

  it('works without JavaScript: firm.anhe submits its self-inspection (自查自纠) through the server', async () => {
    const context = await newContext(browser, { ...PHONE, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await new LoginPage(page, stack.adminUrl).logInAs('firm.anhe', DEMO_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/compounds');
    // 自查自纠 is the start of round 1 (the record's “round 0” is never shown).
    expect(
      await page.locator('[data-compound="cmp-yihejiayuan"] [data-testid="compound-round"]').innerText(),
    ).toBe('第 1 轮 · 自查自纠阶段');
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

  it('broke no rule of the Content-Security-Policy on any page', () => {
    expect(cspViolations()).toEqual([]);
  });
});
