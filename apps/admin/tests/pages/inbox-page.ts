import type { Locator, Page } from 'playwright-core';

/** 消息中心 and the shell's bell. */
export class InboxPage {
  /** The bell in the header, on every page. */
  readonly bell: Locator;
  /** The unread count on the bell (absent when nothing is unread). */
  readonly badge: Locator;
  readonly root: Locator;
  readonly notices: Locator;
  readonly count: Locator;
  readonly readAll: Locator;

  constructor(readonly page: Page) {
    this.bell = page.getByTestId('inbox-link');
    this.badge = page.getByTestId('inbox-unread');
    this.root = page.getByTestId('inbox-page');
    this.notices = page.getByTestId('notice');
    this.count = page.getByTestId('inbox-count');
    this.readAll = page.getByTestId('inbox-read-all');
  }

  notice(id: string): Locator {
    return this.page.locator(`[data-testid="notice"][data-notice-id="${id}"]`);
  }

  async openFromBell(): Promise<void> {
    await this.bell.click();
    await this.page.waitForURL((url) => url.pathname === '/inbox');
    await this.root.waitFor();
  }
}
