import type { Locator, Page } from 'playwright-core';

/** 整改 / 整改核验: the list in groups, one item's page, the firm's answer and the inspector's verdict. */
export class RectificationsPage {
  readonly list: Locator;
  readonly detail: Locator;
  readonly respondForm: Locator;
  readonly controlForm: Locator;
  readonly verifyForm: Locator;
  readonly done: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.list = page.getByTestId('rectifications-page');
    this.detail = page.getByTestId('rectification-page');
    this.respondForm = page.getByTestId('respond-form');
    this.controlForm = page.getByTestId('control-form');
    this.verifyForm = page.getByTestId('verify-form');
    this.done = page.getByTestId('action-done');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/rectifications${query}`);
    await this.list.waitFor();
  }

  /** The cards of a filtered list (or every card of the overview). */
  cards(): Locator {
    return this.page.getByTestId('rectification-card');
  }

  card(id: string): Locator {
    return this.page.locator(`[data-testid="rectification-card"][data-id="${id}"]`);
  }

  group(name: 'awaitingAnswer' | 'awaitingVerification' | 'closed'): Locator {
    return this.page.getByTestId(`rectification-group-${name}`);
  }

  async open(id: string): Promise<void> {
    await this.card(id).click();
    await this.detail.waitFor();
  }

  async status(): Promise<string> {
    return (await this.detail.getAttribute('data-status')) ?? '';
  }

  async respond(text: string, png: Buffer): Promise<void> {
    await this.respondForm.locator('textarea[name="response"]').fill(text);
    await this.respondForm.locator('input[type="file"]').setInputFiles({
      name: 'after.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await this.respondForm.getByTestId('attachment').first().waitFor();
    await this.respondForm.getByTestId('respond-submit').click();
    await this.done.waitFor();
  }

  /** 先行管控: the measures taken and a photo of them. */
  async control(measures: string, png: Buffer): Promise<void> {
    await this.controlForm.locator('textarea[name="measures"]').fill(measures);
    await this.controlForm.locator('input[type="file"]').setInputFiles({
      name: 'fenced.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await this.controlForm.getByTestId('attachment').first().waitFor();
    await this.controlForm.getByTestId('control-submit').click();
    await this.done.waitFor();
  }

  async verify(decision: 'accept' | 'reject', reason?: string): Promise<void> {
    await this.verifyForm.locator(`label.decision.${decision}`).click();
    if (reason) await this.verifyForm.locator('textarea[name="reason"]').fill(reason);
    await this.verifyForm.getByTestId('verify-submit').click();
    await this.done.waitFor();
  }
}
