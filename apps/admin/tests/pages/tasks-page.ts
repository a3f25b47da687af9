import type { Locator, Page } from 'playwright-core';

/** 我的任务: the inspector's (or firm's) tasks in groups: overdue, to do now, upcoming, done, missed. */
export class TasksPage {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('tasks-page');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.baseUrl}/tasks${query}`);
    await this.root.waitFor();
  }

  /** Every task card on the page (a filtered list, or the overview's groups). */
  allCards(): Locator {
    return this.page.getByTestId('task-card');
  }

  group(name: 'overdue' | 'today' | 'upcoming' | 'done' | 'missed'): Locator {
    return this.page.getByTestId(`task-group-${name}`);
  }

  /** Task cards of a kind at a compound, in whatever group they are. */
  cards(kind: string, compoundId: string): Locator {
    return this.page.locator(`[data-testid="task-card"][data-kind="${kind}"][data-compound="${compoundId}"]`);
  }

  /** The first card of a kind at a compound that can be done now (open, overdue or not). */
  openCard(kind: string, compoundId: string): Locator {
    return this.page
      .locator('[data-testid="task-group-overdue"], [data-testid="task-group-today"]')
      .locator(`[data-testid="task-card"][data-kind="${kind}"][data-compound="${compoundId}"]`)
      .first();
  }
}
