import type { Locator, Page } from 'playwright-core';

/** 工作日历: releases, one release's days, drafting, publishing, applying to running pilots. */
export class CalendarsPage {
  readonly root: Locator;
  readonly detail: Locator;
  readonly done: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('calendars-page');
    this.detail = page.getByTestId('calendar-release-detail');
    this.done = page.getByTestId('calendar-done');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/calendars${query}`);
    await this.root.waitFor();
  }

  async shownVersion(): Promise<string | null> {
    return this.detail.getAttribute('data-version');
  }

  releases(): Promise<string[]> {
    return this.page
      .getByTestId('calendar-release')
      .evaluateAll((links) => links.map((link) => (link.textContent ?? '').replace(/\s+/g, ' ').trim()));
  }

  /**
   * 起草新版本 from the latest release: the form holds its days and the next year already; the
   * new year's days are appended to each list, as an admin pastes them from the notice.
   */
  async draftNextYear(source: string, add: { holidays: string; makeUpWorkdays: string }): Promise<void> {
    await this.page.getByTestId('calendar-draft').locator('summary').click();
    await this.page.locator('#draft-source').fill(source);
    for (const [name, text] of Object.entries(add)) {
      const box = this.page.locator(`#draft-${name}`);
      await box.fill(`${await box.inputValue()}\n${text}`);
    }
    await this.page.getByTestId('calendar-draft-submit').click();
    await this.page.waitForURL((url) => url.searchParams.get('done') === 'created');
  }

  async publish(): Promise<void> {
    await this.page.getByTestId('calendar-publish-submit').click();
    await this.page.waitForURL((url) => url.searchParams.get('done') === 'published');
  }

  async adoptAll(): Promise<string> {
    await this.page.getByTestId('calendar-adopt-submit').click();
    const notice = this.page.getByTestId('calendar-adopted');
    await notice.waitFor({ timeout: 120_000 });
    return notice.innerText();
  }
}
