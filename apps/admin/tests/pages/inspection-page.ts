import type { Locator, Page } from 'playwright-core';

export type Outcome = 'pass' | 'fail' | 'na';

/** The inspection form: categories, items, photos, the summary before submitting and the result. */
export class InspectionPage {
  readonly root: Locator;
  readonly form: Locator;
  readonly progress: Locator;
  readonly categories: Locator;
  /** On a key-part check: one section per place (重点部位). */
  readonly keyParts: Locator;
  /** The folded list of standards that do not apply to the compound (不适用). */
  readonly notApplicable: Locator;
  readonly items: Locator;
  readonly reviewButton: Locator;
  readonly submitButton: Locator;
  readonly summary: Locator;
  readonly result: Locator;
  readonly draftRestored: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('inspection-page');
    this.form = page.getByTestId('inspection-form');
    this.progress = page.getByTestId('progress');
    this.categories = page.getByTestId('category');
    this.keyParts = page.getByTestId('key-part-section');
    this.notApplicable = page.getByTestId('not-applicable');
    this.items = page.getByTestId('checklist-item');
    this.reviewButton = page.getByTestId('review');
    this.submitButton = page.getByTestId('submit');
    this.summary = page.getByTestId('inspection-summary');
    this.result = page.getByTestId('inspection-result');
    this.draftRestored = page.getByTestId('draft-restored');
  }

  /** The task id the page shows. */
  async taskId(): Promise<string> {
    return (await this.root.getAttribute('data-task')) ?? '';
  }

  /** Every item code, in checklist order (read from the page, collapsed categories included). */
  itemCodes(): Promise<string[]> {
    return this.items.evaluateAll((items) => items.map((item) => item.getAttribute('data-code') ?? ''));
  }

  /** Every entry id (`pump_room/C-09` at a key part, the code elsewhere), in checklist order. */
  entryIds(): Promise<string[]> {
    return this.items.evaluateAll((items) => items.map((item) => item.getAttribute('data-entry') ?? ''));
  }

  keyPart(code: string): Locator {
    return this.page.locator(`[data-testid="key-part-section"][data-key-part="${code}"]`);
  }

  /** Opens a collapsed key part by tapping its heading. */
  async openKeyPart(code: string): Promise<void> {
    const part = this.keyPart(code);
    if ((await part.getAttribute('open')) === null) await part.locator(':scope > summary').click();
  }

  category(code: string): Locator {
    return this.page.locator(`[data-testid="category"][data-category="${code}"]`);
  }

  /** Opens a collapsed category by tapping its heading. */
  async openCategory(code: string): Promise<void> {
    const category = this.category(code);
    if ((await category.getAttribute('open')) === null) await category.locator(':scope > summary').click();
  }

  /** One question by its entry id (the code alone on whole-compound checks). */
  item(id: string): Locator {
    return this.page.locator(`[data-testid="checklist-item"][data-entry="${id}"]`);
  }

  async answer(code: string, outcome: Outcome): Promise<void> {
    const item = this.item(code);
    await item.locator(`label.outcome.${outcome}`).click();
    await this.page.waitForFunction(
      ([c, o]) =>
        document
          .querySelector(`[data-testid="checklist-item"][data-entry="${c}"]`)
          ?.getAttribute('data-outcome') === o,
      [code, outcome] as const,
    );
  }

  async note(code: string, text: string): Promise<void> {
    await this.item(code).locator('textarea').fill(text);
  }

  /** Takes a "photo": sets the camera input's file and waits until the upload shows as a thumbnail. */
  async attachPhoto(code: string, png: Buffer, name = 'photo.png'): Promise<void> {
    const item = this.item(code);
    const before = await item.getByTestId('attachment').count();
    await item.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer: png });
    await item.getByTestId('attachment').nth(before).waitFor();
  }

  /** "已填 x / y" as numbers. */
  async answered(): Promise<{ answered: number; total: number }> {
    const text = await this.progress.innerText();
    const match = /(\d+)\s*\/\s*(\d+)/.exec(text);
    return { answered: Number(match?.[1] ?? -1), total: Number(match?.[2] ?? -1) };
  }

  async count(outcome: Outcome): Promise<number> {
    return Number(await this.page.getByTestId(`count-${outcome}`).innerText());
  }
}
