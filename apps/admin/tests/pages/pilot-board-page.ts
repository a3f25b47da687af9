import type { Locator, Page } from 'playwright-core';

export interface BoardFilterInput {
  community?: string;
  firm?: string;
  inspector?: string;
  stars?: string;
  paused?: '' | 'true' | 'false';
  q?: string;
}

/** 试点看板: the filter form and the stage columns of pilot cards. */
export class PilotBoardPage {
  readonly root: Locator;
  readonly cards: Locator;
  readonly total: Locator;
  readonly filters: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('pilot-board');
    this.cards = page.getByTestId('pilot-card');
    this.total = page.getByTestId('pilot-total');
    this.filters = page.getByTestId('pilot-filters');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/pilots${query}`);
    await this.root.waitFor();
  }

  /** Fills the filter form (a select by its option label) and applies it; waits for the new address. */
  async filter(input: BoardFilterInput): Promise<void> {
    const select = async (id: string, label: string | undefined) => {
      if (label !== undefined) await this.page.locator(`#${id}`).selectOption({ label });
    };
    await select('filter-community', input.community);
    await select('filter-firm', input.firm);
    await select('filter-inspector', input.inspector);
    await select('filter-stars', input.stars);
    if (input.paused !== undefined) await this.page.locator('#filter-paused').selectOption(input.paused);
    if (input.q !== undefined) await this.page.locator('#filter-q').fill(input.q);
    const before = this.page.url();
    await this.filters.getByTestId('filters-apply').click();
    await this.page.waitForURL((url) => url.href !== before);
    await this.page.waitForFunction(() => !document.querySelector('main[aria-busy="true"]'));
  }

  async clear(): Promise<void> {
    await this.filters.getByTestId('filters-clear').click();
    await this.page.waitForURL((url) => url.search === '');
  }

  /** Compound names on the board, column by column. */
  async compoundNames(): Promise<string[]> {
    return (await this.cards.locator('h3').allInnerTexts()).map((name) => name.trim());
  }

  /** stage → number of pilots its column header shows. */
  async stageCounts(): Promise<Record<string, string>> {
    return this.page
      .locator('section[data-stage]')
      .evaluateAll((sections) =>
        Object.fromEntries(
          sections.map((section) => [
            section.getAttribute('data-stage') ?? '',
            section.querySelector('[data-testid="stage-count"]')?.textContent?.trim() ?? '',
          ]),
        ),
      );
  }

  card(compoundId: string): Locator {
    return this.page.locator(`[data-testid="pilot-card"][data-compound="${compoundId}"]`);
  }

  async open(compoundId: string): Promise<void> {
    await this.card(compoundId).locator('h3 a').click();
    await this.page.waitForURL((url) => url.pathname.startsWith('/pilots/'));
    await this.page.getByTestId('pilot-detail').waitFor();
  }
}
