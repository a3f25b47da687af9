import type { Locator, Page } from 'playwright-core';

export interface ChartReading {
  key: string;
  title: string;
  /** Drawn marks (bars, points, slices) in the SVG. */
  marks: number;
  /** Rows of the data table behind the chart, as text cells. */
  rows: string[][];
}

/** 工作台: key figures, charts each with its table, overdue work. */
export class DashboardPage {
  readonly root: Locator;
  readonly charts: Locator;

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    this.root = page.getByTestId('dashboard');
    this.charts = page.locator('figure[data-chart]');
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/dashboard`);
    await this.root.waitFor();
  }

  /** The value of a key figure card (`kpi-fee-collection`, …). */
  async kpi(id: string): Promise<string> {
    return (await this.page.getByTestId(`kpi-${id}`).locator('.value').innerText()).trim();
  }

  chart(key: string): Locator {
    return this.page.locator(`figure[data-chart="${key}"]`);
  }

  /** What one chart shows: its title, how many marks it drew, and its table (read even when collapsed). */
  async readChart(key: string): Promise<ChartReading> {
    const figure = this.chart(key);
    const title = (await figure.locator('figcaption h3').innerText()).trim();
    const marks = await figure.locator('svg[role="img"] :is(rect, circle, path, polygon)').count();
    const rows = await figure
      .locator('table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.children, (cell) => (cell.textContent ?? '').trim())),
      );
    return { key, title, marks, rows };
  }

  async chartKeys(): Promise<string[]> {
    return this.charts.evaluateAll((figures) =>
      figures.map((figure) => figure.getAttribute('data-chart') ?? ''),
    );
  }
}
