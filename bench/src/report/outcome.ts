// What a scenario hands back: lines of the table and figures for the results file.

export type Figure = number | string | boolean | null;

export interface Row {
  scenario: string;
  measured: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** null: no goal can be judged (e.g. the scenario failed or the figure does not exist). */
  met: boolean | null;
}

export interface Outcome {
  rows: Row[];
  figures: Record<string, Figure>;
}

export function failedOutcome(scenario: string, error: unknown, goal: string): Outcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    rows: [
      {
        scenario,
        measured: `failed: ${message.split('\n')[0]?.slice(0, 160)}`,
        baseline: '',
        ratio: '',
        goal,
        met: null,
      },
    ],
    figures: { [`${scenario.split(' ')[0]?.toLowerCase()}_error`]: message.slice(0, 2000) },
  };
}

export const fmt = {
  ms: (value: number) => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`,
  rate: (value: number) => `${value.toFixed(1)}/s`,
  ratio: (value: number) => value.toFixed(2),
};
