import type { Locator, Page } from 'playwright-core';

/** 用户: create, deactivate and reset the password of accounts. */
export class UsersPage {
  readonly root: Locator;
  readonly done: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('users-page');
    this.done = page.getByTestId('users-done');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/users${query}`);
    await this.root.waitFor();
  }

  row(username: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  async create(user: {
    username: string;
    displayName: string;
    role: string;
    password: string;
    firm?: string;
  }) {
    const form = this.page.getByTestId('user-create');
    if (!(await form.isVisible())) await this.page.getByTestId('user-create-open').click();
    await this.page.locator('#user-username').fill(user.username);
    await this.page.locator('#user-display-name').fill(user.displayName);
    await this.page.locator('#user-role').selectOption({ label: user.role });
    if (user.firm) await this.page.locator('#user-firm').selectOption({ label: user.firm });
    await this.page.locator('#user-password').fill(user.password);
    await this.page.getByTestId('user-create-submit').click();
  }

  /** A field message of the create form (`password`, `username`, `firm`, …), from the API. */
  createError(field: string): Locator {
    return this.page.getByTestId(`field-error-user-${field}`);
  }

  /** Sets a new password for the account from its row; resolves once the page says it is done. */
  async resetPassword(username: string, password: string): Promise<void> {
    const row = this.row(username);
    if (!(await row.locator('input[name="newPassword"]').isVisible()))
      await row.getByTestId('user-reset').click();
    await row.locator('input[name="newPassword"]').fill(password);
    await row.getByTestId('user-reset-confirm').click();
    await this.page.waitForFunction(() =>
      document.querySelector('[data-testid="users-done"]')?.textContent?.includes('密码已重置'),
    );
  }
}
