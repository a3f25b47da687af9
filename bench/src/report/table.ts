// The summary table printed at the end of a run.
import type { Row } from './outcome.js';

const HEADERS = ['scenario', 'measured', 'baseline', 'ratio', 'goal', 'met?'] as const;

function metText(met: boolean | null): string {
  if (met === null) return '—';
  return met ? 'yes' : 'NO';
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let columns = 0;
  for (const char of text)
    columns +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        char,
      )
        ? 2
        : 1;
  return columns;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [
    row.scenario,
    row.measured,
    row.baseline,
    row.ratio,
    row.goal,
    metText(row.met),
  ]);
  const widths = HEADERS.map((header, i) =>
    Math.max(width(header), ...cells.map((line) => width(line[i] ?? ''))),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, i) => pad(value, widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(HEADERS), rule, ...cells.map(line)].join('\n');
}
