import type { Locator, Page } from 'playwright-core';

export type InspectorKind = 'concentrated' | 'weekly' | 'monthly' | 'quarterly' | 'consolidation';

/** 纳入试点: the form, its preview of the schedule and the confirmation. */
export class EnrollPage {
  readonly root: Locator;
  readonly firm: Locator;
  readonly preview: Locator;
  readonly schedule: Locator;
  readonly scheduleSummary: Locator;
  readonly confirm: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('enroll-page');
    this.firm = page.getByTestId('enroll-firm');
    this.preview = page.getByTestId('enroll-preview');
    this.schedule = page.getByTestId('schedule-preview');
    this.scheduleSummary = page.getByTestId('schedule-summary');
    this.confirm = page.getByTestId('enroll-submit');
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/enroll`);
    await this.root.waitFor();
  }

  async chooseCompound(community: string, compound: string): Promise<void> {
    await this.page.locator('#enroll-community').selectOption({ label: community });
    await this.page.locator('#enroll-compound').selectOption({ label: compound });
  }

  async setStartDate(date: string): Promise<void> {
    await this.page.locator('#enroll-start').fill(date);
  }

  async assign(inspectors: Partial<Record<InspectorKind, string>>): Promise<void> {
    for (const [kind, name] of Object.entries(inspectors)) {
      await this.page.locator(`#enroll-inspector-${kind}`).selectOption({ label: name });
    }
  }

  fieldError(id: string): Locator {
    return this.page.getByTestId(`field-error-${id}`);
  }

  async requestPreview(): Promise<void> {
    await this.preview.click();
    await this.page.waitForFunction(
      () => !document.querySelector('[data-testid="enroll-preview"][aria-busy="true"]'),
    );
  }

  /** Rows of the previewed schedule, per round: [kind, opens, due, inspector]. */
  async scheduleRows(round: number): Promise<string[][]> {
    return this.page
      .locator(`[data-testid="schedule-preview"] details[data-round="${round}"] tbody tr`)
      .evaluateAll((rows) =>
        rows.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())),
      );
  }

  /** The numbered order of work of a round (自查自纠 → 集中检查 → 周、月、季专项检查). */
  async steps(round: number): Promise<string[]> {
    return this.page
      .locator(
        `[data-testid="schedule-preview"] details[data-round="${round}"] [data-testid="schedule-steps"] li`,
      )
      .evaluateAll((items) =>
        items.map((item) =>
          [item.querySelector('.step-number')?.textContent, item.querySelector('.step-label')?.textContent]
            .map((text) => (text ?? '').trim())
            .join(' '),
        ),
      );
  }

  async confirmEnrollment(): Promise<void> {
    await this.confirm.click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/pilots/'));
  }
}
