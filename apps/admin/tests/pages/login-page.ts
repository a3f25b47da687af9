import type { Locator, Page } from 'playwright-core';

/** 登录: the form, its field messages and its form-level message. */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form-level message (wrong password, locked account), announced as an alert. */
  readonly error: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.username = page.locator('#username');
    this.password = page.locator('#password');
    this.submit = page.getByTestId('login-form').locator('button[type="submit"]');
    this.error = page.locator('#login-error');
  }

  /** Opens the log-in page and waits for its scripts: a value typed before hydration can be lost. */
  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.hydrated();
  }

  /**
   * Waits until the form's scripts ran (after a redirect here, too). A browser without JavaScript
   * never runs SvelteKit's inline start-up script, whose global tells the two apart by the time the
   * page has loaded; Playwright's own evaluation works either way.
   */
  async hydrated(): Promise<void> {
    const scripts = await this.page.evaluate(() =>
      Object.keys(window).some((key) => key.startsWith('__sveltekit')),
    );
    if (scripts) await this.page.locator('[data-testid="login-form"][data-hydrated="true"]').waitFor();
  }

  /** The message shown next to a field (from the API's 400 issues). */
  fieldError(field: 'username' | 'password'): Locator {
    return this.page.locator(`#${field}-error`);
  }

  async logIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Logs in and waits until the app has left the log-in page. */
  async logInAs(username: string, password: string): Promise<void> {
    await this.goto();
    await this.logIn(username, password);
    await this.page
      .waitForURL((url) => !url.pathname.startsWith('/login'))
      .catch(async (error: unknown) => {
        // Say what the log-in page said instead of only that it stayed there.
        const said = await this.page
          .locator('main')
          .innerText()
          .catch(() => '');
        throw new Error(`${username} stayed on ${this.page.url()}: ${said.slice(0, 300)}`, { cause: error });
      });
  }
}
