// The command line of `pnpm bench -- …` (see bench/README.md).
import { parseArgs } from 'node:util';
import path from 'node:path';
import { SIZES, type Sizes } from './sizes.js';

export const SCENARIOS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

export interface BenchArgs {
  size: keyof typeof SIZES;
  sizes: Sizes;
  only: Set<ScenarioId>;
  workers: number;
  out: string;
  /** Folder of the vitest benches' JSON reports of this run, folded into the results. */
  microDir: string | undefined;
  keepState: boolean;
}

function isSize(value: string): value is keyof typeof SIZES {
  return value in SIZES;
}

function isScenario(value: string): value is ScenarioId {
  return SCENARIOS.some((id) => id === value);
}

export function parseBenchArgs(argv: string[], defaultOut: string): BenchArgs {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      size: { type: 'string', default: 'small' },
      only: { type: 'string' },
      workers: { type: 'string', default: '1' },
      out: { type: 'string' },
      'micro-dir': { type: 'string' },
      'keep-state': { type: 'boolean', default: false },
    },
  });
  const size = values.size;
  if (!isSize(size)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, not ${size}`);
  const only = (values.only ?? SCENARIOS.join(','))
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  const unknown = only.filter((id) => !isScenario(id));
  if (unknown.length > 0)
    throw new Error(`unknown scenarios: ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 8) throw new Error('--workers must be 1 … 8');
  const chosen = new Set(only.filter(isScenario));
  // A run of some scenarios must not replace the whole suite's committed run: it goes beside it.
  const partial = chosen.size < SCENARIOS.length;
  const out =
    values.out ??
    (partial ? path.join(path.dirname(defaultOut), `only-${[...chosen].sort().join('-')}.json`) : defaultOut);
  return {
    size,
    sizes: SIZES[size],
    only: chosen,
    workers,
    out,
    microDir: values['micro-dir'],
    keepState: values['keep-state'],
  };
}
