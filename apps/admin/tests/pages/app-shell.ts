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
  /** The user's menu (修改密码, 退出登录), a disclosure in the header. */
  readonly userMenu: Locator;
  readonly changePassword: Locator;
  /** A one-time notice from the form that led to this page (密码已修改 …). */
  readonly flash: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByTestId('nav-side');
    this.bottomBar = page.getByTestId('nav-bar');
    this.navigation = page.locator('nav[data-testid^="nav-"]:visible');
    this.languageSwitch = page.getByTestId('language-switch');
    this.logout = page.getByTestId('logout');
    this.currentUser = page.getByTestId('current-user');
    this.userMenu = page.getByTestId('user-menu');
    this.changePassword = page.getByTestId('change-password-link');
    this.flash = page.getByTestId('flash');
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

  async openUserMenu(): Promise<void> {
    if ((await this.userMenu.getAttribute('open')) === null)
      await this.page.getByTestId('user-menu-open').click();
  }

  async logOut(): Promise<void> {
    await this.openUserMenu();
    await this.logout.click();
    await this.page.waitForURL((url) => url.pathname === '/login');
  }

  async openChangePassword(): Promise<void> {
    await this.openUserMenu();
    await this.changePassword.click();
    await this.page.waitForURL((url) => url.pathname === '/account/password');
  }

  /** True when the page is wider than the window (something would scroll sideways). */
  hasHorizontalScroll(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  }
}
