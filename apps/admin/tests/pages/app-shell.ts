import type { Locator, Page } from 'playwright-core';

/** The frame around every signed-in page: header, navigation (sidebar or bottom bar), main. */
export class AppShell {
  /** The navigation that is visible at the current size (the other one is display:none). */
  readonly navigation: Locator;
  readonly sidebar: Locator;
  readonly bottomBar: Locator;
  readonly languageSwitch: Locator;
  readonly logout: Locator;
  readonly currentUser: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByTestId('nav-side');
    this.bottomBar = page.getByTestId('nav-bar');
    this.navigation = page.locator('nav[data-testid^="nav-"]:visible');
    this.languageSwitch = page.getByTestId('language-switch');
    this.logout = page.getByTestId('logout');
    this.currentUser = page.getByTestId('current-user');
    this.main = page.locator('main#main');
  }

  /** The labels of the visible navigation, in order. */
  async navigationLabels(): Promise<string[]> {
    const labels = await this.navigation.locator('a .label').allInnerTexts();
    return labels.map((label) => label.trim());
  }

  async open(label: string): Promise<void> {
    await this.navigation.getByRole('link', { name: label }).click();
  }

  async switchLanguage(): Promise<void> {
    const before = await this.page.locator('html').getAttribute('lang');
    await this.languageSwitch.click();
    await this.page.waitForFunction((lang) => document.documentElement.lang !== lang, before);
  }

  async logOut(): Promise<void> {
    await this.logout.click();
    await this.page.waitForURL((url) => url.pathname === '/login');
  }

  /** True when the page is wider than the window (something would scroll sideways). */
  hasHorizontalScroll(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  }
}
