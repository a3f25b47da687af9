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

  async search(input: { action?: string; entityId?: string }): Promise<void> {
    if (input.action !== undefined) await this.page.locator('#audit-action').fill(input.action);
    if (input.entityId !== undefined) await this.page.locator('#audit-entity-id').fill(input.entityId);
    const before = this.page.url();
    await this.page.getByTestId('audit-apply').click();
    await this.page.waitForURL((url) => url.href !== before);
    await this.page.waitForFunction(() => !document.querySelector('main[aria-busy="true"]'));
  }

  async actions(): Promise<string[]> {
    return this.entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-action') ?? ''));
  }
}
