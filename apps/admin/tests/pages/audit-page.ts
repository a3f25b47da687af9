import type { Locator, Page } from 'playwright-core';

/** 审计日志: search, chain verification, CSV export. */
export class AuditPage {
  readonly root: Locator;
  readonly verify: Locator;
  readonly verifyResult: Locator;
  readonly csv: Locator;
  readonly entries: Locator;
  readonly total: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('audit-page');
    this.verify = page.getByTestId('audit-verify');
    this.verifyResult = page.getByTestId('audit-verify-result');
    this.csv = page.getByTestId('audit-csv');
    this.entries = page.locator('[data-testid="audit-entries"] > li');
    this.total = page.getByTestId('audit-total');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/audit${query}`);
    await this.root.waitFor();
  }

  /** Searches by words (`q`), by an action picked by its label, or by entity id. */
  async search(input: { q?: string; action?: string; entityId?: string }): Promise<void> {
    if (input.q !== undefined) await this.page.locator('#audit-q').fill(input.q);
    if (input.action !== undefined)
      await this.page.locator('#audit-action').selectOption({ label: input.action });
    if (input.entityId !== undefined) await this.page.locator('#audit-entity-id').fill(input.entityId);
    const before = this.page.url();
    await this.page.getByTestId('audit-apply').click();
    await this.page.waitForURL((url) => url.href !== before);
    await this.page.waitForFunction(() => !document.querySelector('main[aria-busy="true"]'));
  }

  /** What each entry says it did (the label, not the code). */
  async actionLabels(): Promise<string[]> {
    return this.entries
      .locator('.action')
      .evaluateAll((items) => items.map((item) => (item.firstChild?.textContent ?? '').trim()));
  }

  async actions(): Promise<string[]> {
    return this.entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-action') ?? ''));
  }
}
