import type { Locator, Page } from 'playwright-core';

/** 修改密码: current, new and repeated password, the live policy checklist and the API's messages. */
export class PasswordPage {
  readonly root: Locator;
  readonly heading: Locator;
  /** Why the change is asked for (shown only when it is required). */
  readonly required: Locator;
  readonly current: Locator;
  readonly next: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;
  readonly rules: Locator;
  readonly problem: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('password-page');
    this.heading = this.root.locator('h1');
    this.required = page.getByTestId('password-required');
    this.current = page.locator('#password-current');
    this.next = page.locator('#password-new');
    this.confirm = page.locator('#password-confirm');
    this.submit = page.getByTestId('password-submit');
    this.rules = page.getByTestId('password-rules');
    this.problem = page.getByTestId('form-problem');
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/account/password`);
    await this.root.waitFor();
  }

  fieldError(field: 'current' | 'new' | 'confirm'): Locator {
    return this.page.getByTestId(`field-error-password-${field}`);
  }

  /** Each rule of the checklist and whether it is met (`true`, `false`, or null before typing). */
  async ruleStates(): Promise<Record<string, boolean | null>> {
    const items = await this.rules.locator('li[data-rule]').all();
    const states: Record<string, boolean | null> = {};
    for (const item of items) {
      const met = await item.getAttribute('data-met');
      states[(await item.getAttribute('data-rule')) ?? ''] = met === null ? null : met === 'true';
    }
    return states;
  }

  async fill(current: string, next: string, confirm = next): Promise<void> {
    await this.current.fill(current);
    await this.next.fill(next);
    await this.confirm.fill(confirm);
  }

  async change(current: string, next: string, confirm = next): Promise<void> {
    await this.fill(current, next, confirm);
    await this.submit.click();
  }
}
