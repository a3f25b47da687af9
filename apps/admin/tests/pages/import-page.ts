import type { Locator, Page } from 'playwright-core';

export type ImportKind = 'compounds' | 'firms' | 'users';

/** 批量导入: the kind, its template, the upload, and one import's report with its apply. */
export class ImportPage {
  readonly upload: Locator;
  readonly report: Locator;
  readonly problems: Locator;
  readonly progress: Locator;
  readonly done: Locator;
  readonly credentials: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.upload = page.getByTestId('import-upload');
    this.report = page.getByTestId('register-import-page');
    this.problems = page.getByTestId('import-problems');
    this.progress = page.getByTestId('import-progress');
    this.done = page.getByTestId('import-done');
    this.credentials = page.getByTestId('import-credentials');
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/register/imports`);
    await this.page.getByTestId('register-imports-page').waitFor();
    // Forms are filled once the page's scripts run, so what they do is what is tested.
    await this.page.waitForLoadState('networkidle');
  }

  async chooseKind(kind: ImportKind): Promise<void> {
    await this.upload.locator(`input[name="kind"][value="${kind}"]`).check();
  }

  /** Clicks 下载模板 of the kind; resolves with the file the browser saved and the name it was given. */
  async downloadTemplate(kind: ImportKind): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`template-${kind}`).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  /** Uploads the file as the chosen kind and waits for its report page. */
  async check(kind: ImportKind, file: { name: string; bytes: Buffer; mimeType: string }): Promise<void> {
    await this.chooseKind(kind);
    await this.page
      .locator('#import-file')
      .setInputFiles({ name: file.name, mimeType: file.mimeType, buffer: file.bytes });
    await this.page.getByTestId('import-check').click();
    await this.page.waitForURL((url) => /^\/register\/imports\/imp-/.test(url.pathname));
    await this.report.waitFor();
  }

  /** The problem table's rows: [行, 列, 问题]. */
  async problemRows(): Promise<string[][]> {
    return this.problems
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => Array.from(row.children, (cell) => (cell.textContent ?? '').trim())),
      );
  }

  async count(key: 'create' | 'update' | 'unchanged' | 'invalid'): Promise<string> {
    return (await this.page.getByTestId(`import-count-${key}`).locator('dd.value').innerText()).trim();
  }

  /** 导入 (a clean file) — or, with problems, 只导入无误的行 and its confirmation. */
  async apply(options: { validRowsOnly: boolean }): Promise<void> {
    if (options.validRowsOnly) {
      await this.page.getByTestId('import-apply-partial').click();
      await this.page.getByTestId('import-apply-partial-confirm').click();
    } else {
      await this.page.getByTestId('import-apply-submit').click();
    }
  }

  async waitApplied(timeout = 120_000): Promise<void> {
    await this.page
      .locator('[data-testid="register-import-page"][data-status="applied"]')
      .waitFor({ timeout });
  }

  /** The initial passwords shown after an accounts import: username → password. */
  async issuedPasswords(): Promise<Record<string, string>> {
    const rows = await this.credentials
      .locator('tbody tr')
      .evaluateAll((items) =>
        items.map((row) => [
          row.getAttribute('data-username') ?? '',
          row.querySelector('[data-testid="credential-password"]')?.textContent?.trim() ?? '',
        ]),
      );
    return Object.fromEntries(rows);
  }
}
