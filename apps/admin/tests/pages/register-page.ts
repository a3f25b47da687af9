import type { Locator, Page } from 'playwright-core';

export interface CompoundInput {
  name: string;
  community: string;
  firm: string;
  liftCount: string;
  households?: string;
  yearBuilt?: string;
  /** Ticked features, by their form names (hasFireControlRoom, hasSecondaryWaterSupply, …). */
  features?: string[];
}

/** 台账管理: the compound, firm and community lists, their create forms and 停用 / 重新启用. */
export class RegisterPage {
  readonly tabs: Locator;
  readonly done: Locator;
  readonly total: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.tabs = page.getByTestId('register-tabs');
    this.done = page.getByTestId('register-done');
    this.total = page.getByTestId('register-total');
  }

  async goto(list: 'compounds' | 'firms' | 'communities', query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/register/${list}${query}`);
    await this.page.getByTestId(`register-${list}-page`).waitFor();
    // Forms are filled once the page's scripts run, so what they do is what is tested.
    await this.page.waitForLoadState('networkidle');
  }

  async openTab(label: string): Promise<void> {
    await this.tabs.getByRole('link', { name: label }).click();
  }

  async tabLabels(): Promise<string[]> {
    return (await this.tabs.locator('a').allInnerTexts()).map((label) => label.trim());
  }

  /** The message the API's answer put next to a form field (`firm-creditCode`, `compound-liftCount`, …). */
  fieldError(id: string): Locator {
    return this.page.getByTestId(`field-error-${id}`);
  }

  /** Submits a create form and waits for its answer (a notice, or the form again with its problems). */
  private async submit(testid: string): Promise<void> {
    const button = this.page.getByTestId(`${testid}-submit`);
    await button.click();
    await this.page.waitForFunction(
      (id) => !document.querySelector(`[data-testid="${id}-submit"][aria-busy="true"]`),
      testid,
    );
  }

  private async openCreate(kind: 'community' | 'firm' | 'compound'): Promise<void> {
    if (!(await this.page.getByTestId(`${kind}-create`).isVisible()))
      await this.page.getByTestId(`${kind}-create-open`).click();
  }

  async createCommunity(input: { code: string; name: string; subdistrict?: string }): Promise<void> {
    await this.openCreate('community');
    await this.page.locator('#community-communityCode').fill(input.code);
    await this.page.locator('#community-name').fill(input.name);
    if (input.subdistrict !== undefined)
      await this.page.locator('#community-subdistrict').fill(input.subdistrict);
    await this.submit('community-create');
  }

  async createFirm(input: { name: string; creditCode: string; contactName?: string; contactPhone?: string }) {
    await this.openCreate('firm');
    await this.page.locator('#firm-name').fill(input.name);
    await this.page.locator('#firm-creditCode').fill(input.creditCode);
    await this.page.locator('#firm-contactName').fill(input.contactName ?? '');
    await this.page.locator('#firm-contactPhone').fill(input.contactPhone ?? '');
    await this.submit('firm-create');
  }

  async openCompoundForm(): Promise<void> {
    await this.openCreate('compound');
  }

  async createCompound(input: CompoundInput): Promise<void> {
    await this.openCreate('compound');
    await this.page.locator('#compound-name').fill(input.name);
    await this.page.locator('#compound-community').selectOption({ label: input.community });
    await this.page.locator('#compound-firm').selectOption({ label: input.firm });
    await this.page.locator('#compound-liftCount').fill(input.liftCount);
    await this.page.locator('#compound-households').fill(input.households ?? '');
    await this.page.locator('#compound-yearBuilt').fill(input.yearBuilt ?? '');
    for (const feature of input.features ?? []) await this.page.locator(`#compound-${feature}`).check();
    await this.submit('compound-create');
  }

  row(kind: 'compound' | 'firm' | 'community', id: string): Locator {
    return this.page.locator(`[data-testid="${kind}-row"][data-${kind}="${id}"]`);
  }

  rowNamed(kind: 'compound' | 'firm' | 'community', name: string): Locator {
    return this.page.getByTestId(`${kind}-row`).filter({ hasText: name });
  }

  /** Opens 停用 / 重新启用 in a row (or on a record page) and confirms it. */
  async toggleActive(scope: Locator): Promise<void> {
    const confirm = scope.getByTestId('register-toggle-confirm');
    if (!(await confirm.isVisible())) await scope.getByTestId('register-toggle').click();
    await confirm.click();
    await this.page.waitForFunction(
      () => !document.querySelector('[data-testid="register-toggle-confirm"][aria-busy="true"]'),
    );
  }
}
