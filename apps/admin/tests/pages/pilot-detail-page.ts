import type { Locator, Page } from 'playwright-core';

export type PilotAction = 'pause' | 'resume' | 'extend' | 'reassign' | 'withdraw' | 'promote' | 'rollout';

/** One pilot: title and badges, key figures, the actions with their confirmation step, history. */
export class PilotDetailPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly stage: Locator;
  readonly phase: Locator;
  readonly demonstrationBadge: Locator;
  readonly pausedBadge: Locator;
  readonly done: Locator;
  readonly refusalReasons: Locator;
  readonly stepper: Locator;
  readonly categoryTable: Locator;
  /** 示范小区评定条件: every condition, met and unmet, before anyone clicks. */
  readonly promotion: Locator;
  readonly unmet: Locator;
  readonly met: Locator;
  /** 重点部位 of the consolidation round, with their loop status and before → after. */
  readonly keyParts: Locator;
  /** 进行中的检查 (live) and the pilot's paged inspections in 过程记录. */
  readonly openTasks: Locator;
  readonly inspections: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('pilot-detail');
    this.title = page.getByTestId('pilot-title');
    this.stage = page.getByTestId('pilot-stage');
    this.phase = page.getByTestId('pilot-phase');
    this.demonstrationBadge = page.locator('header [data-testid="badge-demonstration"]');
    this.pausedBadge = page.locator('header [data-testid="badge-paused"]');
    this.done = page.getByTestId('action-done');
    this.refusalReasons = page.locator('[data-testid="refusal-reasons"] li');
    this.stepper = page.getByTestId('stage-stepper');
    this.categoryTable = page.getByTestId('category-table');
    this.promotion = page.getByTestId('promotion-eligibility');
    this.unmet = page.getByTestId('promotion-unmet');
    this.met = page.getByTestId('promotion-met');
    this.keyParts = page.getByTestId('key-part');
    this.openTasks = page.locator('[data-testid="pilot-now"] li[data-task]');
    this.inspections = page.locator('[data-testid="pilot-inspections"] li[data-task]');
  }

  /** Why an action is not possible now, as shown next to its disabled button. */
  why(action: PilotAction): Locator {
    return this.page.getByTestId(`why-${action}`);
  }

  async goto(pilotId: string, query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/pilots/${pilotId}${query}`);
    await this.root.waitFor();
  }

  actionButton(action: PilotAction): Locator {
    return this.page.getByTestId(`action-${action}`);
  }

  confirmPanel(action: PilotAction): Locator {
    return this.page.getByTestId(`confirm-${action}`);
  }

  /** Opens the confirmation step of an action (its button is a link to `?action=…`). */
  async begin(action: PilotAction): Promise<Locator> {
    await this.actionButton(action).click();
    const panel = this.confirmPanel(action);
    await panel.waitFor();
    return panel;
  }

  /** Confirms the open step; resolves once the page shows the outcome (done notice or a problem). */
  async confirm(action: PilotAction): Promise<'done' | 'problem'> {
    await this.confirmPanel(action).getByTestId('confirm-submit').click();
    const outcome = await Promise.race([
      this.done.waitFor().then(() => 'done' as const),
      this.page
        .locator(`[data-testid="confirm-${action}"] :is([data-testid="form-problem"], .field-error)`)
        .first()
        .waitFor()
        .then(() => 'problem' as const),
    ]);
    return outcome;
  }

  fieldError(id: string): Locator {
    return this.page.getByTestId(`field-error-${id}`);
  }

  /** The stepper's phase marked current (aria-current="step"), by its data-phase. */
  currentPhase(): Promise<string | null> {
    return this.stepper.locator('li.phase[aria-current="step"]').getAttribute('data-phase');
  }
}
