// Cost of the pure rules the workflows run on every submission and every round, each measured
// against a baseline in the same run: copying the same data through JSON, the least any handling
// of it would cost. Read the ratios, not the absolute numbers (they depend on the machine).
import { bench, describe } from 'vitest';
import {
  DEFAULT_CATALOGUE,
  DEFAULT_PLAN,
  buildPilotSchedule,
  checklistFor,
  scoreInspection,
  scoreRound,
  validateCatalogue,
  type ItemResult,
} from '../src/index.js';

const weekly = checklistFor(DEFAULT_CATALOGUE, 'weekly');
const items: ItemResult[] = weekly.map((standard, index) =>
  standard.scoring.mode === 'graded'
    ? { code: standard.code, outcome: 'pass', score: standard.scoring.max }
    : { code: standard.code, outcome: index % 9 === 0 ? 'fail' : 'pass', note: '检查发现问题' },
);
const inspection = scoreInspection(DEFAULT_CATALOGUE, items);
const roundInspections = Array.from({ length: 17 }, (_, i) => ({
  kind: (['weekly', 'monthly', 'quarterly'] as const)[i % 3]!,
  result: inspection,
}));
const start = Date.UTC(2025, 2, 3) - 8 * 3600 * 1000;

describe('score one weekly inspection (35 items)', () => {
  bench('baseline: JSON copy of the items', () => {
    JSON.parse(JSON.stringify(items));
  });
  bench('scoreInspection', () => {
    scoreInspection(DEFAULT_CATALOGUE, items);
  });
});

describe('score a round (17 inspections)', () => {
  bench('baseline: JSON copy of the inspections', () => {
    JSON.parse(JSON.stringify(roundInspections));
  });
  bench('scoreRound', () => {
    scoreRound(roundInspections);
  });
});

describe('plan a whole pilot (two rounds, Shanghai calendar)', () => {
  bench('baseline: JSON copy of the plan', () => {
    JSON.parse(JSON.stringify(DEFAULT_PLAN));
  });
  bench('buildPilotSchedule', () => {
    buildPilotSchedule(DEFAULT_PLAN, start);
  });
});

describe('check the 107-standard catalogue', () => {
  bench('baseline: JSON copy of the catalogue', () => {
    JSON.parse(JSON.stringify(DEFAULT_CATALOGUE));
  });
  bench('validateCatalogue', () => {
    validateCatalogue(DEFAULT_CATALOGUE);
  });
});
