// 痕迹化管理 on a phone (375 × 812) against the whole real stack: 祥顺物业 (firm.xiangshun) registers a
// lift on 玫瑰家园's register, opens its record by the path its QR label carries (the label sheet is a
// PDF), records a maintenance visit with a photo, creates the night security route and walks it with
// one checkpoint missed (warned and confirmed first), and names a 物业管家 whom the resident of that
// building (resident.han) sees on her start page. The compound is enrolled meanwhile; when its
// concentrated inspection opens, 张 (insp.zhang) finds the maintenance under C-06 and the round with
// its missed checkpoint under D-03 of the inspection form, and cites the entry as C-06's evidence.
// Screenshots land in apps/admin/test-results/screenshots/traces-*.png.
import { DEMO_PASSWORD } from '@pilot/db';
import { buildRoundSchedule, formatLocalDate, resolvePlan } from '@pilot/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from '../pages/app-shell';
import { DESKTOP, PHONE, cspViolations, launchBrowser, screenshot } from '../support/browser';
import { makePng } from '../support/png';
import { signIn } from '../support/sign-in';
import { startStack, type Stack } from '../support/stack';

const COMPOUND = 'cmp-meiguijiayuan';
const LIFT_CODE = '5号楼-DT-01';
const LIFT_NAME = '5号楼1单元客梯';
const MAINTENANCE = '半月保养：曳引机、门机、安全回路检查，更换门刀滚轮';
const ROUTE = '夜间安防巡逻';
const CHECKPOINTS: Array<[string, string]> = [
  ['gate-n', '北门岗亭'],
  ['garage-b1', '地下车库B1'],
  ['gate-s', '南门岗亭'],
];

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let firm: Page;
let liftPath = '';

const phoneAs = (username: string): Promise<Page> =>
  signIn(browser, contexts, stack.adminUrl, username, PHONE);

async function apiAs(username: string) {
  const login = await fetch(`${stack.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    get: async <T>(path: string): Promise<T> =>
      (await (await fetch(`${stack.apiUrl}${path}`, { headers })).json()) as T,
    post: (path: string, body: unknown) =>
      fetch(`${stack.apiUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }),
  };
}

/**
 * 玫瑰家园 enrolled by the working group with its plan compressed so the concentrated inspection
 * opens about 15 s from now and stays open for the rest of the suite (an hour or more of real time).
 */
async function enrollWithInspectionSoon(): Promise<void> {
  const now = Date.now();
  const base = {
    selfInspectionDays: 1,
    concentratedInspectionOffsetDays: 1,
    graceHours: 720,
    roundMonths: 12,
    calendar: { weekendDays: [], holidays: [], makeUpWorkdays: [] },
  };
  const concentrated = buildRoundSchedule(resolvePlan(base), now, 1).tasks.find(
    (task) => task.kind === 'concentrated',
  );
  const timeScale = Math.max(1, ((concentrated?.opensAt ?? now) - now) / 15_000);
  const coordinator = await apiAs('coord.wang');
  const enrolled = await coordinator.post('/pilots', {
    firm: { name: '祥顺物业' },
    compound: { name: '玫瑰家园', community: '锦水园社区' },
    startDate: formatLocalDate(now),
    inspectorAssignments: [
      { inspectorId: 'usr-insp-zhang', kinds: ['concentrated', 'weekly'] },
      { inspectorId: 'usr-insp-li', kinds: ['monthly', 'quarterly', 'consolidation'] },
    ],
    catalogueVersion: '2024.1',
    planOptions: { ...base, timeScale },
  });
  expect(enrolled.status, await enrolled.clone().text()).toBe(201);
}

/** The open concentrated inspection of 玫瑰家园, once the pilot's workflow has opened it. */
async function openInspectionId(): Promise<string> {
  const inspector = await apiAs('insp.zhang');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const page = await inspector.get<{
      items: Array<{ id: string; kind: string; status: string; pilot: { compound: { id: string } } }>;
    }>('/tasks?kind=concentrated&pageSize=50');
    const task = page.items.find((t) => t.status === 'open' && t.pilot.compound.id === COMPOUND);
    if (task) return task.id;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error('the concentrated inspection of 玫瑰家园 did not open within 120 s');
}

async function fitsThePhone(page: Page): Promise<void> {
  expect(await new AppShell(page).hasHorizontalScroll()).toBe(false);
}

beforeAll(async () => {
  stack = await startStack({ demoPilots: false });
  browser = await launchBrowser();
  await enrollWithInspectionSoon();
  firm = await phoneAs('firm.xiangshun');
}, 300_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('痕迹化管理 on the firm’s phones and in the inspector’s form', () => {
  it('registers a lift with its type’s default interval on the compound’s register', async () => {
    await firm.goto(`${stack.adminUrl}/traces`);
    await firm.getByTestId('compound-select').selectOption(COMPOUND);
    await firm.getByTestId('compound-show').click();
    await firm.waitForURL((url) => url.searchParams.get('compound') === COMPOUND);
    await expect(firm.getByTestId('traces-compound').innerText()).resolves.toBe('玫瑰家园');
    await firm.getByTestId('action-register').click();

    const form = firm.getByTestId('equipment-form');
    await form.waitFor();
    // The lift's default (TSG T5002) is stated before anything is typed.
    await expect(form.locator('#eq-type-hint').innerText()).resolves.toContain('每 15 天');
    await form.getByTestId('equipment-code-input').fill(LIFT_CODE);
    await form.getByTestId('equipment-name').fill(LIFT_NAME);
    await form.getByTestId('equipment-site').fill('5号楼1单元，机房在顶层');
    await form.getByTestId('equipment-responsible').fill('王建华');
    await form.getByTestId('equipment-responsible-phone').fill('13805310061');
    await form.locator('input[name="contractor"]').fill('平阴通达电梯维保有限公司');
    await screenshot(firm, 'traces-register-form');
    // A number the register cannot take comes back as the API's message at its field.
    await form.getByTestId('equipment-code-input').fill('5号楼 DT 01');
    await form.getByTestId('equipment-submit').click();
    await firm.getByTestId('field-error-eq-code').waitFor();
    expect(await form.getByTestId('equipment-name').inputValue()).toBe(LIFT_NAME);
    await form.getByTestId('equipment-code-input').fill(LIFT_CODE);
    await form.getByTestId('equipment-submit').click();

    await firm.getByTestId('equipment-flash').waitFor();
    liftPath = new URL(firm.url()).pathname;
    expect(liftPath).toMatch(/^\/traces\/equipment\/[A-Za-z0-9._:-]+$/);
    await expect(firm.getByTestId('equipment-facts').innerText()).resolves.toContain('每 15 天');
    await expect(firm.getByTestId('maintenance-state').first().getAttribute('data-state')).resolves.toBe(
      'scheduled',
    );
    await fitsThePhone(firm);
    await screenshot(firm, 'traces-equipment-registered');
  });

  it('prints the label sheet whose QR code opens the record', async () => {
    const response = await firm.request.get(
      `${stack.adminUrl}/traces/labels.pdf?compound=${COMPOUND}&equipment=${encodeURIComponent(
        liftPath.split('/').at(-1) ?? '',
      )}`,
    );
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('records a maintenance with a photo from the record its label opens', async () => {
    // What the QR code carries is the record's path: a scan is this page load.
    await firm.goto(`${stack.adminUrl}${liftPath}`);
    await firm.getByTestId('equipment-page').waitFor();
    await expect(firm.getByTestId('responsible-call').getAttribute('href')).resolves.toBe('tel:13805310061');
    await firm.getByTestId('kind-maintenance').click();
    await firm.waitForURL((url) => url.searchParams.get('kind') === 'maintenance');
    const form = firm.getByTestId('entry-form');
    await form.getByTestId('entry-technician').fill('李师傅');
    await form.getByTestId('result-normal').check();
    await form.getByTestId('entry-summary').fill(MAINTENANCE);
    await form
      .getByTestId('entry-photos')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'maintenance.png',
        mimeType: 'image/png',
        buffer: makePng(120, 90, [30, 100, 60]),
      });
    await form.getByTestId('attachment').waitFor();
    await screenshot(firm, 'traces-maintenance-form');
    await form.getByTestId('entry-submit').click();

    await firm.getByTestId('equipment-flash').waitFor();
    const entry = firm.getByTestId('entry').filter({ hasText: MAINTENANCE });
    await expect(entry.getAttribute('data-kind')).resolves.toBe('maintenance');
    await expect(entry.innerText()).resolves.toContain('1 张照片');
    await fitsThePhone(firm);
    await screenshot(firm, 'traces-maintenance-recorded');
  });

  it('creates the night security route and walks it with one checkpoint missed', async () => {
    await firm.goto(`${stack.adminUrl}/traces?compound=${COMPOUND}`);
    await firm.getByTestId('action-route').click();
    const form = firm.getByTestId('route-form');
    await form.getByTestId('route-name').fill(ROUTE);
    await form.getByTestId('route-role').selectOption('security');
    const rows = form.getByTestId('checkpoint-row');
    for (const [index, [code, name]] of CHECKPOINTS.entries()) {
      await rows.nth(index).getByTestId('checkpoint-name').fill(name);
      await rows.nth(index).getByTestId('checkpoint-code').fill(code);
    }
    await screenshot(firm, 'traces-route-form');
    await form.getByTestId('route-submit').click();
    await firm.waitForURL((url) => url.searchParams.get('done') === 'routeCreated');

    const route = firm.getByTestId('route').filter({ hasText: ROUTE });
    await route.getByTestId('route-walk').click();
    const walk = firm.getByTestId('walk-form');
    await walk.waitFor();
    await walk.getByTestId('checkpoint-gate-n').check();
    await walk.getByTestId('checkpoint-gate-s').check();
    await walk.getByTestId('entry-summary').fill('北门、南门岗亭正常；车库B1因积水封闭未进入');
    // The unticked checkpoint is named before anything is sent.
    const warning = firm.getByTestId('missed-warning');
    await expect(warning.innerText()).resolves.toContain('地下车库B1');
    await screenshot(firm, 'traces-walk-missed-warning');

    // Sent without confirming: the server asks for it and keeps what was ticked and typed.
    await walk.getByTestId('walk-submit').click();
    await firm.getByTestId('field-error-confirmMissed').waitFor();
    expect(await walk.getByTestId('checkpoint-gate-n').isChecked()).toBe(true);
    expect(await walk.getByTestId('checkpoint-garage-b1').isChecked()).toBe(false);
    await walk.getByTestId('confirm-missed').check();
    await walk.getByTestId('walk-submit').click();

    await firm.waitForURL((url) => url.searchParams.get('done') === 'walked');
    const walked = firm.getByTestId('route').filter({ hasText: ROUTE });
    await expect(walked.getByTestId('route-missed').innerText()).resolves.toContain('地下车库B1');
    await fitsThePhone(firm);
    await screenshot(firm, 'traces-overview');
  });

  it('names a 物业管家 whom the resident of that building sees and can call', async () => {
    await firm.goto(`${stack.adminUrl}/traces?compound=${COMPOUND}`);
    const assign = firm.locator('details.assign');
    await assign.locator('summary').click();
    const form = firm.getByTestId('steward-form');
    await form.locator('input[name="userId"]').fill('usr-firm-xiangshun');
    await form.locator('input[name="servedBuildings"]').fill('5号楼 6号楼');
    await form.locator('input[name="phone"]').fill('13805310099');
    await form.getByTestId('steward-submit').click();
    await firm.waitForURL((url) => url.searchParams.get('done') === 'stewardAssigned');
    await expect(firm.getByTestId('steward').first().innerText()).resolves.toContain('5号楼');

    const resident = await phoneAs('resident.han');
    await resident.goto(`${stack.adminUrl}/`);
    const mine = resident.getByTestId('my-stewards');
    await mine.waitFor();
    await expect(mine.getByTestId('my-steward-call').getAttribute('href')).resolves.toBe('tel:13805310099');
    await fitsThePhone(resident);
    await screenshot(resident, 'traces-resident-steward');
  });

  it('shows the inspector those entries under C-06 and D-03, and cites one as evidence', async () => {
    const taskId = await openInspectionId();
    const inspector = await phoneAs('insp.zhang');
    await inspector.goto(`${stack.adminUrl}/tasks/${encodeURIComponent(taskId)}`);
    await inspector.getByTestId('inspection-form').waitFor();

    // C-06 (lift maintenance) reads the maintenance logbook of the lifts.
    const categoryC = inspector.locator('[data-testid="category"][data-category="C"]');
    if ((await categoryC.getAttribute('open')) === null) await categoryC.locator(':scope > summary').click();
    const c06 = inspector.locator('[data-testid="checklist-item"][data-code="C-06"]');
    const panel = c06.getByTestId('trace-panel');
    await panel.locator('summary').click();
    const maintenance = panel.getByTestId('trace-entry').filter({ hasText: MAINTENANCE });
    await expect(maintenance.innerText()).resolves.toContain(LIFT_CODE);
    await expect(maintenance.innerText()).resolves.toContain('1 张照片');
    await maintenance.getByTestId('trace-cite').click();
    const chip = c06.getByTestId('citation');
    await expect(chip.getAttribute('data-entry')).resolves.toBe(await maintenance.getAttribute('data-entry'));
    await expect(maintenance.getByTestId('trace-cite').innerText()).resolves.toBe('已引用');
    // The form is long (every standard of the inspection): the screen as the inspector sees it there.
    // (An item's scroll margin keeps it clear of the sticky header and progress bar.)
    await c06.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot(inspector, 'traces-inspection-c06', false);
    await c06.getByTestId('citations').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await screenshot(inspector, 'traces-inspection-c06-cited', false);

    // D-03 (security patrols) reads the security post's rounds: the missed checkpoint shows.
    const categoryD = inspector.locator('[data-testid="category"][data-category="D"]');
    if ((await categoryD.getAttribute('open')) === null) await categoryD.locator(':scope > summary').click();
    const d03 = inspector.locator('[data-testid="checklist-item"][data-code="D-03"]');
    const patrols = d03.getByTestId('trace-panel');
    await patrols.locator('summary').click();
    const round = patrols.getByTestId('trace-entry').filter({ hasText: ROUTE });
    // Named as the route names the checkpoint (the task's traces carry its code).
    await expect(round.getByTestId('trace-missed').innerText()).resolves.toContain('地下车库B1');
    await d03.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot(inspector, 'traces-inspection-d03', false);

    // The citation is part of the answer: removing it is one tap, and it survives a reload (the draft).
    await inspector.reload();
    await inspector.getByTestId('draft-restored').waitFor();
    if ((await categoryC.getAttribute('open')) === null) await categoryC.locator(':scope > summary').click();
    await expect(c06.getByTestId('citation').count()).resolves.toBe(1);
    await c06.getByTestId('citation-remove').click();
    await expect(c06.getByTestId('citation').count()).resolves.toBe(0);
    await fitsThePhone(inspector);
  });

  it('logs a visitor with the retention stated, fixing what the API refused at its field', async () => {
    await firm.goto(`${stack.adminUrl}/traces?compound=${COMPOUND}`);
    await firm.getByTestId('action-visitor').click();
    const form = firm.getByTestId('entry-form');
    await expect(form.getByTestId('visitor-retention').innerText()).resolves.toMatch(/\d+ 天后自动删除/);
    await form.locator('input[name="visiting"]').fill('3号楼2单元');
    await form.getByTestId('entry-summary').fill('探亲');
    await form.getByTestId('entry-submit').click();
    const nameError = form.locator('[data-testid^="field-error-"][data-testid$="-visitorName"]');
    await nameError.waitFor();
    await screenshot(firm, 'traces-visitor-error');
    await form.locator('input[name="visitorName"]').fill('刘洋');
    await form.getByTestId('entry-submit').click();
    await firm.waitForURL((url) => url.searchParams.get('done') === 'recorded');
    await expect(
      firm.locator('[data-testid="recent-counts"] a[data-kind="visitor"] .n').innerText(),
    ).resolves.toBe('1');
  });

  it('corrects the maintenance with a new entry pointing at it, the old one kept and marked', async () => {
    await firm.goto(`${stack.adminUrl}${liftPath}`);
    const original = firm.getByTestId('entry').filter({ hasText: MAINTENANCE });
    const originalId = await original.getAttribute('data-entry');
    await original.getByTestId('entry-correct').click();
    await firm.getByTestId('correcting').waitFor();
    const form = firm.getByTestId('entry-form');
    // Filled in with what the old entry says, so only the mistake is changed.
    expect(await form.getByTestId('entry-technician').inputValue()).toBe('李师傅');
    await form
      .getByTestId('entry-summary')
      .fill('半月保养：曳引机、门机、安全回路检查，更换门刀滚轮 2 只（更正数量）');
    await screenshot(firm, 'traces-correction-form');
    await form.getByTestId('entry-submit').click();

    await firm.getByTestId('entry-flash').waitFor();
    await expect(firm.getByTestId('entry-page').innerText()).resolves.toContain(originalId ?? '?');
    await firm.goto(`${stack.adminUrl}${liftPath}`);
    const corrected = firm.locator(`[data-testid="entry"][data-entry="${originalId}"]`);
    await corrected.getByTestId('entry-corrected').waitFor();
    expect(await corrected.getByTestId('entry-correct').count()).toBe(0);
    await fitsThePhone(firm);
    await screenshot(firm, 'traces-corrected');
  });

  it('is read, not written, by the working group', async () => {
    const coordinator = await signIn(browser, contexts, stack.adminUrl, 'coord.wang', DESKTOP);
    await coordinator.goto(`${stack.adminUrl}/traces?compound=${COMPOUND}`);
    await coordinator.getByTestId('equipment-register').waitFor();
    expect(await coordinator.getByTestId('action-register').count()).toBe(0);
    expect(await coordinator.getByTestId('route-walk').count()).toBe(0);
    await expect(coordinator.getByTestId('equipment-row').innerText()).resolves.toContain(LIFT_CODE);
    await screenshot(coordinator, 'traces-coordinator');
  });

  it('kept every page within the Content-Security-Policy', () => {
    expect(cspViolations()).toEqual([]);
  });
});
