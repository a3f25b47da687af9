import type { Locator, Page } from 'playwright-core';

/** 评价标准: versions, one version's standards, drafting, editing a standard, publishing. */
export class CataloguePage {
  readonly root: Locator;
  readonly detail: Locator;
  readonly done: Locator;
  readonly editPanel: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('catalogue-page');
    this.detail = page.getByTestId('catalogue-version-detail');
    this.done = page.getByTestId('catalogue-done');
    this.editPanel = page.getByTestId('standard-edit');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/catalogue${query}`);
    await this.root.waitFor();
  }

  async shownVersion(): Promise<string | null> {
    return this.detail.getAttribute('data-version');
  }

  standard(code: string): Locator {
    return this.page.locator(`li.standard[data-code="${code}"]`);
  }

  async draft(version: string, title: string): Promise<void> {
    await this.page.getByTestId('catalogue-draft').locator('summary').click();
    await this.page.locator('#draft-version').fill(version);
    await this.page.locator('#draft-title').fill(title);
    await this.page.getByTestId('draft-submit').click();
    await this.page.waitForURL((url) => url.searchParams.get('done') === 'created');
  }

  async edit(code: string): Promise<void> {
    await this.page.locator(`li.standard[data-code="${code}"]`).evaluate((item) => {
      item.closest('details')?.setAttribute('open', '');
    });
    await this.page.getByTestId(`standard-edit-${code}`).click();
    await this.editPanel.waitFor();
  }

  async publish(): Promise<string> {
    const fingerprint = (await this.page.getByTestId('publish-fingerprint').innerText()).trim();
    await this.page.getByTestId('publish-submit').click();
    await this.page.waitForURL((url) => url.searchParams.get('done') === 'published');
    return fingerprint;
  }
}
