// The coordinator and admin screens in a real browser against the whole real stack (one stack for
// this file): enrolling a compound after previewing its schedule (its order of work), promoting an
// eligible pilot and seeing promotion disabled with the rule's reasons for one still in
// consolidation, the pilot board's filters, the pilot's inspections filtered and paged, the audit
// log by label, the catalogue's draft → edit → publish, users, archives, a no-JavaScript action and
// a 375 px phone.
// Screenshots of each step land in apps/admin/test-results/screenshots/.
import { createHash } from 'node:crypto';
import { DEMO_PASSWORD } from '@pilot/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../pages/app-shell';
import { AuditPage } from '../pages/audit-page';
import { CataloguePage } from '../pages/catalogue-page';
import { EnrollPage } from '../pages/enroll-page';
import { LoginPage } from '../pages/login-page';
import { PilotBoardPage } from '../pages/pilot-board-page';
import { PilotDetailPage } from '../pages/pilot-detail-page';
import { UsersPage } from '../pages/users-page';
import { DESKTOP, PHONE, cspViolations, launchBrowser, newContext, screenshot } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedIn(username: string, options = DESKTOP): Promise<Page> {
  const context = await newContext(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page, stack.adminUrl).logInAs(username, DEMO_PASSWORD);
  return page;
}

/** Today in Shanghai, as a date input holds it. */
function today(): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
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

describe('coordinator and admin screens', () => {
  it('shows the pilot board by stage and phase and filters it', async () => {
    const page = await signedIn('admin.jinshui');
    const board = new PilotBoardPage(page, stack.adminUrl);
    // The eight demo pilots over the three stages (全面提升 3, 总结巩固 2, 全面推广 3) and the four the
    // demo's 全面推广 campaign starts (全面提升); those enrolled fresh by the start are recorded once the
    // worker (in the API) has run them, which a busy machine delays.
    await expect
      .poll(
        async () => {
          await board.goto();
          return board.total.innerText();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toContain('共 12 个试点');
    expect(await board.stageCounts()).toEqual({
      improvement: '7 个',
      consolidation: '2 个',
      rollout: '3 个',
    });
    const lijing = board.card('cmp-lijingyuan');
    expect(await lijing.innerText()).toContain('祥顺物业');
    expect(await lijing.getByTestId('pilot-score').innerText()).toMatch(/^\d+(\.\d)? 分$/);
    expect(await board.card('cmp-meiguijiayuan').getByTestId('badge-demonstration').isVisible()).toBe(true);
    await screenshot(page, 'board');

    await board.filter({ community: '东湖社区' });
    expect(new URL(page.url()).searchParams.get('community')).toBe('com-donghu');
    // 东湖雅苑 and the campaign's 水岸家园.
    expect((await board.compoundNames()).sort()).toEqual(['东湖雅苑', '水岸家园'].sort());
    await screenshot(page, 'board-filter-community');

    await board.clear();
    await board.filter({ stars: '5 星' });
    expect(await board.compoundNames()).toEqual(['玫瑰家园']);

    await board.clear();
    await board.filter({ inspector: '马强' });
    // Two demo pilots, and the campaign's 泰和园 (his lead) and 南山华府 (his monthly and quarterly checks).
    expect((await board.compoundNames()).sort()).toEqual(['怡和家园', '翠屏苑', '泰和园', '南山华府'].sort());

    await board.clear();
    // Search covers compound, community and firm names.
    await board.filter({ q: '恒泰' });
    expect((await board.compoundNames()).sort()).toEqual(['翠屏苑', '水岸家园', '泰和园'].sort());

    await board.clear();
    await board.filter({ paused: 'true' });
    expect(await board.cards.count()).toBe(0);
    expect(await page.getByTestId('empty-state').innerText()).toContain('没有符合条件的试点');
    await screenshot(page, 'board-filter-empty');

    // The filters live in the address: a fresh load of a filtered link shows the same board.
    await board.goto('?firm=firm-xiangshun&stars=4');
    expect((await board.compoundNames()).sort()).toEqual(['丽景苑', '锦水花园'].sort());
  });

  it('lets a coordinator enroll a compound after previewing its schedule, and lands on its pilot', async () => {
    const page = await signedIn('coord.wang');
    const enroll = new EnrollPage(page, stack.adminUrl);
    await new AppShell(page).open('纳入试点');
    await enroll.root.waitFor();

    await enroll.chooseCompound('东湖社区', '滨河小区');
    expect(await enroll.firm.innerText()).toBe('锦润物业');
    expect(await page.locator('#enroll-start').inputValue()).toBe(today());
    await enroll.assign({ concentrated: '孙明', weekly: '孙明', monthly: '赵丽' });
    await screenshot(page, 'enroll-form');

    // Two kinds have nobody yet: the page says which, in words, and marks the empty selects.
    await enroll.requestPreview();
    await enroll.fieldError('inspectors').waitFor();
    const missing = await enroll.fieldError('inspectors').innerText();
    expect(missing).toContain('尚未指定检查员');
    expect(missing).toContain('季度专项检查');
    expect(missing).toContain('重点部位巩固检查');
    expect(missing).not.toMatch(/quarterly|consolidation/);
    expect(await enroll.fieldError('enroll-inspector-quarterly').innerText()).toBe('请选择检查员');
    expect(await page.locator('#enroll-inspector-quarterly').getAttribute('aria-invalid')).toBe('true');
    expect(await enroll.schedule.count()).toBe(0);
    await screenshot(page, 'enroll-missing-inspectors');

    await enroll.assign({ quarterly: '赵丽', consolidation: '孙明' });
    await enroll.requestPreview();
    await enroll.schedule.waitFor();
    const summary = await enroll.scheduleSummary.innerText();
    expect(summary).toContain('滨河小区（锦润物业）');
    expect(summary).toContain('共 2 轮');
    // The order of work, numbered, above each round's inspections.
    const order = await enroll.steps(1);
    expect(order).toHaveLength(3);
    expect(order[0]).toMatch(/^1 .*自查自纠/);
    expect(order[1]).toMatch(/^2 集中检查/);
    expect(order[2]).toMatch(/^3 周、月、季专项检查/);
    expect((await enroll.steps(2)).join(' ')).toContain('重点部位');
    const first = await enroll.scheduleRows(1);
    expect(first[0]?.[0]).toBe('企业自查');
    expect(first[0]?.[3]).toBe('物业企业');
    expect(first.some((row) => row[0] === '集中检查' && row[3] === '孙明')).toBe(true);
    expect(first.some((row) => row[0] === '季度专项检查' && row[3] === '赵丽')).toBe(true);
    expect((await enroll.scheduleRows(2)).some((row) => row[0] === '重点部位巩固检查')).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'enroll-preview');

    // Changing the form after the preview asks for a new preview before confirming.
    await page.locator('#enroll-inspector-weekly').selectOption({ label: '赵丽' });
    await page.getByTestId('enroll-stale').waitFor();
    expect(await enroll.confirm.count()).toBe(0);
    await page.locator('#enroll-inspector-weekly').selectOption({ label: '孙明' });
    await enroll.confirm.waitFor();

    await enroll.confirmEnrollment();
    const detail = new PilotDetailPage(page, stack.adminUrl);
    await detail.root.waitFor();
    expect(new URL(page.url()).pathname).toBe('/pilots/enr-cmp-binhexiaoqu');
    expect(await page.getByTestId('enrolled').innerText()).toContain('已纳入试点');
    expect(await detail.title.innerText()).toBe('滨河小区');
    expect(await detail.stage.innerText()).toBe('全面提升阶段');
    expect(await detail.currentPhase()).toBe('self_inspection');
    // 自查自纠 is round 1, not “round 0”.
    expect(await page.getByTestId('pilot-round').innerText()).toBe('第 1 轮 · 自查自纠阶段');
    // 进行中的检查 and 过程记录 read the same status: the self-inspection is open in both.
    const self = 'enr-cmp-binhexiaoqu:r1-self-01';
    expect(
      await detail.openTasks.and(page.locator(`[data-task="${self}"]`)).getAttribute('data-status'),
    ).toBe('open');
    expect(
      await detail.inspections.and(page.locator(`[data-task="${self}"]`)).getAttribute('data-status'),
    ).toBe('open');
    await screenshot(page, 'enroll-done-detail');
  });

  it('opens the existing pilot when the compound is enrolled already', async () => {
    const page = await signedIn('coord.wang');
    const enroll = new EnrollPage(page, stack.adminUrl);
    await enroll.goto();
    await enroll.chooseCompound('锦水园社区', '玫瑰家园（已在试点中）');
    await enroll.assign({
      concentrated: '张伟',
      weekly: '张伟',
      monthly: '李娜',
      quarterly: '李娜',
      consolidation: '张伟',
    });
    await enroll.requestPreview();
    await enroll.schedule.waitFor();
    expect(await page.getByTestId('enroll-confirm').innerText()).toContain('该小区已纳入试点');
    await enroll.confirmEnrollment();
    expect(new URL(page.url()).pathname).toBe('/pilots/enr-cmp-meiguijiayuan');
    expect(await page.getByTestId('enrolled').innerText()).toContain('已在试点中');
    await screenshot(page, 'enroll-existing');
  });

  it('lets an admin promote an eligible compound to 示范小区', async () => {
    const page = await signedIn('admin.jinshui');
    const board = new PilotBoardPage(page, stack.adminUrl);
    await board.goto();
    await board.open('cmp-lijingyuan');
    const detail = new PilotDetailPage(page, stack.adminUrl);
    expect(await detail.title.innerText()).toBe('丽景苑');
    expect(await detail.currentPhase()).toBe('eligible');
    // Scores by category, this round against the previous one, with the change.
    expect(await detail.categoryTable.locator('thead th').allInnerTexts()).toEqual([
      '类别',
      '第 1 轮',
      '第 2 轮',
      '变化',
    ]);
    expect(await detail.categoryTable.locator('tbody tr').count()).toBe(8);
    // Both rates of a round, named apart.
    expect(await detail.categoryTable.locator('tfoot tr[data-rate] th').allInnerTexts()).toEqual([
      '合格率',
      '规范操作执行率',
    ]);
    // Every condition of the rule is met, shown before anyone clicks, and the button is offered.
    expect(await detail.promotion.getAttribute('data-allowed')).toBe('true');
    expect(await detail.unmet.count()).toBe(0);
    expect(await detail.met.count()).toBeGreaterThanOrEqual(3);
    expect(await detail.actionButton('promote').isEnabled()).toBe(true);
    await screenshot(page, 'promote-detail');

    const panel = await detail.begin('promote');
    expect(await panel.innerText()).toContain('评定为示范小区：丽景苑');
    await screenshot(page, 'promote-confirm');
    expect(await detail.confirm('promote')).toBe('done');
    expect(await detail.done.innerText()).toContain('已评定为示范小区');
    expect(await detail.demonstrationBadge.isVisible()).toBe(true);
    expect(await detail.phase.innerText()).toContain('示范小区');
    expect(await detail.currentPhase()).toBe('demonstration');
    // Promoted: the conditions and the button are gone.
    expect(await detail.actionButton('promote').count()).toBe(0);
    expect(await detail.promotion.count()).toBe(0);
    await screenshot(page, 'promote-done');

    await board.goto();
    expect(await board.card('cmp-lijingyuan').getByTestId('badge-demonstration').isVisible()).toBe(true);
  });

  it('keeps promotion disabled with the rule’s unmet conditions for a pilot still in consolidation', async () => {
    const page = await signedIn('admin.jinshui');
    const detail = new PilotDetailPage(page, stack.adminUrl);
    await detail.goto('enr-cmp-jinguiyuan');
    expect(await detail.stage.innerText()).toBe('总结巩固阶段');
    // Before anyone clicks: disabled, with what is missing and what is already met.
    expect(await detail.actionButton('promote').isDisabled()).toBe(true);
    expect(await detail.promotion.getAttribute('data-allowed')).toBe('false');
    const unmet = await detail.unmet.allInnerTexts();
    expect(unmet.length).toBeGreaterThanOrEqual(2);
    expect(unmet.join('\n')).toContain('全面推广阶段');
    expect(await detail.met.count()).toBeGreaterThanOrEqual(1);
    // Other refused actions stay in view, disabled, each with its reason.
    expect(await detail.actionButton('rollout').isDisabled()).toBe(true);
    expect(await detail.why('rollout').innerText()).toContain('全面推广阶段');
    expect(await detail.actionButton('pause').isEnabled()).toBe(true);
    expect(await detail.demonstrationBadge.count()).toBe(0);
    // The consolidation round's key parts (places of the compound, by its features) in their loop.
    expect(await detail.keyParts.count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('key-part-loop').innerText()).toContain('化粪池');
    expect(await page.getByTestId('pilot-features').innerText()).toContain('化粪池');
    await screenshot(page, 'promote-disabled');

    // The address cannot open a step the rule refuses.
    await detail.goto('enr-cmp-jinguiyuan', '?action=promote');
    expect(await detail.confirmPanel('promote').count()).toBe(0);
  });

  it('filters and pages a pilot’s inspections through the API, keeping the filters in the address', async () => {
    const page = await signedIn('coord.wang');
    const detail = new PilotDetailPage(page, stack.adminUrl);
    await detail.goto('enr-cmp-jinguiyuan');
    const filters = page.getByTestId('pilot-task-filters');
    // Two rounds of inspections: more than one page of 20.
    expect(await detail.inspections.count()).toBe(20);
    // The filters fold away until one is set.
    await filters.getByTestId('pilot-task-more').click();
    await page.locator('#pilot-task-kind').selectOption({ label: '周检查' });
    await filters.getByTestId('pilot-task-apply-all').click();
    await page.waitForURL((url) => url.searchParams.get('taskKind') === 'weekly');
    const kinds = await detail.inspections.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('data-kind')),
    );
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['weekly']));
    await page.locator('[data-testid="pilot-inspections"] a[rel="next"]').click();
    await page.waitForURL((url) => url.searchParams.get('taskPage') === '2');
    // The kind stays chosen on the next page.
    expect(new URL(page.url()).searchParams.get('taskKind')).toBe('weekly');
    expect(await page.locator('#pilot-task-kind').inputValue()).toBe('weekly');
    await screenshot(page, 'pilot-inspections-filtered');
  });

  it('verifies the audit chain, finds the promotion and exports CSV', async () => {
    const page = await signedIn('admin.jinshui');
    const audit = new AuditPage(page, stack.adminUrl);
    await audit.goto();
    await audit.verify.click();
    await audit.verifyResult.waitFor();
    expect(await audit.verifyResult.innerText()).toMatch(/哈希链完整：已校验 \d+ 条记录/);
    await screenshot(page, 'audit-verify');

    // An action picked by its words; entries say what happened, not the code.
    await audit.search({ action: '评定为示范小区' });
    expect(new URL(page.url()).searchParams.get('action')).toBe('compound.promote_demonstration');
    const actions = await audit.actions();
    expect(actions.length).toBeGreaterThanOrEqual(1);
    expect(actions.every((action) => action === 'compound.promote_demonstration')).toBe(true);
    expect(new Set(await audit.actionLabels())).toEqual(new Set(['评定为示范小区']));
    await screenshot(page, 'audit-search');

    const href = await audit.csv.getAttribute('href');
    expect(href).toContain('action=compound.promote_demonstration');
    const csv = await page.request.get(new URL(href ?? '', page.url()).href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('compound.promote_demonstration');

    // Free text matches the words of actions and records: 示范 finds the promotion.
    await audit.goto(`?q=${encodeURIComponent('示范')}`);
    expect(await audit.actions()).toContain('compound.promote_demonstration');
    await screenshot(page, 'audit-search-words');
  });

  it('lists archives and downloads one', async () => {
    const page = await signedIn('admin.jinshui');
    await page.goto(`${stack.adminUrl}/archives`);
    const archives = page.getByTestId('archive');
    await archives.first().waitFor();
    expect(await archives.count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'archives');
    const href = await archives.first().getByTestId('archive-download').getAttribute('href');
    const download = await page.request.get(new URL(href ?? '', page.url()).href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/json');
    expect(download.headers()['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/);

    // 档案册: the printable PDF beside the JSON; once made, the card shows the hash it was stored with.
    const first = archives.first();
    const bookHref = await first.getByTestId('archive-book').getAttribute('href');
    const book = await page.request.get(new URL(bookHref ?? '', page.url()).href);
    expect(book.status()).toBe(200);
    expect(book.headers()['content-type']).toBe('application/pdf');
    const bookBytes = await book.body();
    expect(bookBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const bookHash = book.headers()['x-content-sha256'];
    expect(createHash('sha256').update(bookBytes).digest('hex')).toBe(bookHash);
    await page.reload();
    await first.locator('summary').click();
    expect(await first.getByTestId('archive-book-hash').innerText()).toContain(bookHash);
    await screenshot(page, 'archives-file-book');
    // The archive index as Excel, next to its CSV.
    const indexHref = await page.getByTestId('archives-export-xlsx').getAttribute('href');
    const index = await page.request.get(new URL(indexHref ?? '', page.url()).href);
    expect(index.status()).toBe(200);
    expect(index.headers()['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect((await index.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('exports the pilot and task ledgers from the board, and an inspector prints a blank weekly checklist', async () => {
    const fetchOk = async (page: Page, testid: string, type: string) => {
      const href = await page.getByTestId(testid).getAttribute('href');
      expect(href, testid).toBeTruthy();
      const file = await page.request.get(new URL(href ?? '', page.url()).href);
      expect(file.status(), testid).toBe(200);
      expect(file.headers()['content-type']).toBe(type);
      return { href: href ?? '', body: await file.body() };
    };
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const coordinator = await signedIn('coord.wang');
    await coordinator.goto(`${stack.adminUrl}/pilots?firm=firm-xiangshun`);
    await coordinator.getByTestId('tasks-export').waitFor();
    await screenshot(coordinator, 'pilot-board-ledgers');
    const tasks = await fetchOk(coordinator, 'tasks-export-xlsx', xlsx);
    expect(tasks.href).toContain('firm=firm-xiangshun');
    expect(tasks.body.subarray(0, 2).toString('latin1')).toBe('PK');
    await fetchOk(coordinator, 'tasks-export-csv', 'text/csv; charset=utf-8');
    await fetchOk(coordinator, 'pilots-export-xlsx', xlsx);

    const inspector = await signedIn('insp.zhang');
    await inspector.goto(`${stack.adminUrl}/tasks`);
    await inspector.getByTestId('tasks-paper').waitFor();
    const blank = await fetchOk(inspector, 'blank-checklist', 'application/pdf');
    expect(blank.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('drafts a catalogue version, edits a standard and publishes it quoting the fingerprint', async () => {
    const page = await signedIn('admin.jinshui');
    const catalogue = new CataloguePage(page, stack.adminUrl);
    await catalogue.goto();
    // The newest published version shows first (2026.1; 2024.1 is published too).
    expect(await catalogue.shownVersion()).toBe('2026.1');
    expect(await page.getByTestId('weekly-only').innerText()).toContain('35');
    await screenshot(page, 'catalogue');

    await catalogue.draft('2026.2', '物业企业激励评价工作标准（2026 修订）');
    expect(await catalogue.shownVersion()).toBe('2026.2');

    await catalogue.edit('A-01');
    await page.locator('#edit-weight').fill('400');
    await page.getByTestId('standard-save').click();
    await page.getByTestId('field-error-edit-weight').waitFor();
    await screenshot(page, 'catalogue-edit-error');

    // A-01 joins the weekly checklist in A-03's place (the list keeps its 35 items).
    await page.locator('#edit-weight').fill('4');
    await page.locator('#edit-critical').check();
    await page.locator('input[name="weekly"]').check();
    await page.locator('#edit-swap').selectOption('A-03');
    await page.getByTestId('standard-save').click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'saved');
    expect(await catalogue.done.innerText()).toContain('A-01');
    expect(await catalogue.standard('A-01').textContent()).toContain('4 分');
    expect(await catalogue.standard('A-01').textContent()).toContain('关键项');
    expect(await catalogue.standard('A-01').getByTestId('weekly-mark').textContent()).toBe('周检第 1 项');
    expect(await catalogue.standard('A-03').getByTestId('weekly-mark').count()).toBe(0);

    const fingerprint = await catalogue.publish();
    expect(fingerprint).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(await catalogue.done.innerText()).toContain('2026.2 已发布');
    expect(await catalogue.detail.innerText()).toContain(fingerprint);
    await screenshot(page, 'catalogue-published');
  });

  it('creates, deactivates and resets the password of a user', async () => {
    const page = await signedIn('admin.jinshui');
    const users = new UsersPage(page, stack.adminUrl);
    await users.goto();
    // A firm account without its firm: the API's message stands at the firm field.
    await users.create({
      username: 'firm.test',
      displayName: '测试物业',
      role: '物业服务企业',
      password: 'Pilot@2024x',
    });
    await page.getByTestId('field-error-user-firm').waitFor();
    expect(await page.getByTestId('field-error-user-firm').innerText()).toContain('物业企业');
    await screenshot(page, 'users-field-error');

    await users.create({
      username: 'insp.test',
      displayName: '测试检查员',
      role: '检查员',
      password: 'Pilot@2024x',
    });
    await users.done.waitFor();
    expect(await users.done.innerText()).toContain('测试检查员');
    const row = users.row('insp.test');
    await row.getByTestId('user-toggle').click();
    await row.getByTestId('user-toggle-confirm').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="users-done"]')?.textContent?.includes('已停用'),
    );
    expect(await row.getByTestId('user-status').innerText()).toBe('已停用');

    await row.getByTestId('user-reset').click();
    await row.locator('input[name="newPassword"]').fill('Another#Cove-2031');
    await row.getByTestId('user-reset-confirm').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="users-done"]')?.textContent?.includes('密码已重置'),
    );
    await screenshot(page, 'users');
  });

  it('pauses a pilot without JavaScript, with the reason’s message next to its field', async () => {
    const page = await signedIn('coord.wang', { ...DESKTOP, javaScriptEnabled: false });
    const detail = new PilotDetailPage(page, stack.adminUrl);
    await detail.goto('enr-cmp-donghuyayuan');
    await detail.actionButton('pause').click();
    await detail.confirmPanel('pause').waitFor();
    await detail.confirmPanel('pause').getByTestId('confirm-submit').click();
    await detail.fieldError('action-reason').waitFor();
    expect(await detail.fieldError('action-reason').innerText()).toContain('原因');
    await screenshot(page, 'pause-field-error-nojs');

    await page.locator('#action-reason').fill('小区主要道路施工，暂停检查两周');
    await detail.confirmPanel('pause').getByTestId('confirm-submit').click();
    await detail.done.waitFor();
    expect(await detail.pausedBadge.isVisible()).toBe(true);
    await screenshot(page, 'paused-nojs');

    // And resumed, with JavaScript this time.
    const again = await signedIn('coord.wang');
    const withJs = new PilotDetailPage(again, stack.adminUrl);
    await withJs.goto('enr-cmp-donghuyayuan');
    await withJs.begin('resume');
    expect(await withJs.confirm('resume')).toBe('done');
    expect(await withJs.pausedBadge.count()).toBe(0);
  });

  it('fits a 375 px phone: board, pilot detail with an action step, enroll form', async () => {
    const page = await signedIn('coord.wang', PHONE);
    const shell = new AppShell(page);
    const board = new PilotBoardPage(page, stack.adminUrl);
    await board.goto();
    expect(await shell.hasHorizontalScroll()).toBe(false);
    await screenshot(page, 'phone-board', false);

    const detail = new PilotDetailPage(page, stack.adminUrl);
    await detail.goto('enr-cmp-meiguijiayuan');
    expect(await shell.hasHorizontalScroll()).toBe(false);
    await screenshot(page, 'phone-detail', false);
    // A pilot with open inspections, so the extension step has something to extend.
    await detail.goto('enr-cmp-jinguiyuan');
    await detail.begin('extend');
    expect(await shell.hasHorizontalScroll()).toBe(false);
    for (const box of await page
      .locator('[data-testid="confirm-extend"] :is(button, a, select, input, textarea):visible')
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height))) {
      expect(box).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, 'phone-extend', false);

    await new EnrollPage(page, stack.adminUrl).goto();
    expect(await shell.hasHorizontalScroll()).toBe(false);
    await screenshot(page, 'phone-enroll');
  });

  it('broke no rule of the Content-Security-Policy on any page', () => {
    expect(cspViolations()).toEqual([]);
  });
});
