import { fnv1a64, localDateParts } from '@pilot/domain';
import { DEMO_COMPOUNDS, DEMO_IDS, type DemoCompound } from './demo-data.js';

const PILOT_COMPOUND_ID = DEMO_IDS.compound;

/** How many months of history the demo dashboards get, ending with the "as of" month. */
export const DEMO_METRIC_MONTHS = 12;

/** 玫瑰家园's complaints per month, oldest first: 16 before the pilot, 2 once it has taken hold. */
export const PILOT_COMPLAINTS_PATH: readonly number[] = Object.freeze([
  16, 16, 15, 13, 10, 8, 6, 4, 3, 2, 2, 2,
]);

/** Subdistrict-wide figures of the latest month: 物业费收缴率 74%, 满意度 92%. */
export const LATEST_FEE_COLLECTION_RATE = 0.74;
export const LATEST_SATISFACTION = 0.92;
/** Where the window starts, before the pilot lifted them. */
const FIRST_FEE_COLLECTION_RATE = 0.66;
const FIRST_SATISFACTION = 0.84;
/** 居民投诉率下降32%: complaints everywhere end the window at 68% of where they started. */
const COMPLAINT_REDUCTION = 0.32;

export interface DemoMonthlyMetric {
  compoundId: string;
  /** UTC midnight of the month's first day: what a `@db.Date` column stores as that calendar date. */
  month: Date;
  /** `YYYY-MM`. */
  monthKey: string;
  complaints: number;
  /** 0..1, like every rate in the domain package. */
  feeCollectionRate: number;
  /** 0..1. */
  satisfaction: number;
}

export interface DemoMonth {
  key: string;
  /** UTC midnight of the first day; see DemoMonthlyMetric.month. */
  date: Date;
}

/**
 * The window of months ending with the Asia/Shanghai month that contains `asOf`, oldest first.
 * Prisma writes a Date into a DATE column by its UTC calendar day, so a month is carried as UTC
 * midnight of its first day; local midnight (16:00 UTC the day before) would store the wrong day.
 */
export function demoMetricMonths(asOf: Date, count: number = DEMO_METRIC_MONTHS): DemoMonth[] {
  const { year, month } = localDateParts(asOf.getTime());
  const last = year * 12 + (month - 1);
  return Array.from({ length: count }, (_, i) => {
    const index = last - (count - 1) + i;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    return { key: `${y}-${String(m).padStart(2, '0')}`, date: new Date(Date.UTC(y, m - 1, 1)) };
  });
}

/** mulberry32: small, fast and good enough to make demo figures look uneven, reproducibly. */
function prng(seedText: string): () => number {
  let state = Number.parseInt(fnv1a64(seedText).slice(-8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0 for the first months, rising to 1 and staying there for the last three (so next month's run fits on). */
function pilotProgress(position: number, count: number): number {
  const start = Math.max(0, count - 10);
  const end = count - 3;
  if (end <= start) return 1;
  const x = Math.min(1, Math.max(0, (position - start) / (end - start)));
  return x * x * (3 - 2 * x);
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;
const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

interface CompoundTraits {
  /** -1 (poorly run) .. 1 (well run), fixed per compound. */
  quality: number;
  /** Complaints per 100 households per month before the pilot. */
  complaintRate: number;
}

function traits(compound: DemoCompound): CompoundTraits {
  const random = prng(compound.id);
  // Older low-rise compounds without lifts tend to collect less and hear more complaints.
  const quality = clamp(random() * 1.6 - 0.8 + (compound.liftCount > 0 ? 0.2 : -0.2), -1, 1);
  return { quality, complaintRate: 0.9 + random() * 0.6 - quality * 0.3 };
}

/**
 * Household-weighted mean of `values` shifted to `target`: each compound keeps its place relative
 * to the others while the subdistrict figure is exactly the one reported.
 */
function centre(values: number[], weights: number[], target: number): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let shifted = values;
  // Clamping can move the mean again; a few rounds settle it.
  for (let i = 0; i < 5; i++) {
    const mean = shifted.reduce((sum, v, j) => sum + v * (weights[j] ?? 0), 0) / total;
    const delta = target - mean;
    if (Math.abs(delta) < 1e-6) break;
    shifted = shifted.map((v) => clamp(v + delta, 0.3, 0.995));
  }
  return shifted.map(round4);
}

/**
 * Monthly figures for every demo compound over the window ending with `asOf`'s month. Pure and
 * deterministic: the same compounds and month always give the same numbers (no Math.random).
 */
export function demoMonthlyMetrics(
  asOf: Date,
  compounds: readonly DemoCompound[] = DEMO_COMPOUNDS,
  count: number = DEMO_METRIC_MONTHS,
): DemoMonthlyMetric[] {
  const months = demoMetricMonths(asOf, count);
  const weights = compounds.map((c) => c.households);
  const compoundTraits = compounds.map(traits);
  const rows: DemoMonthlyMetric[] = [];
  months.forEach((month, position) => {
    const progress = pilotProgress(position, count);
    const noise = compounds.map((c) => prng(`${c.id}:${month.key}`));
    const feeTarget =
      FIRST_FEE_COLLECTION_RATE + (LATEST_FEE_COLLECTION_RATE - FIRST_FEE_COLLECTION_RATE) * progress;
    const satisfactionTarget = FIRST_SATISFACTION + (LATEST_SATISFACTION - FIRST_SATISFACTION) * progress;
    // The pilot compound starts below its neighbours and ends above them: the pilot's visible effect.
    const pilotLift = compounds.map((c) => (c.id === PILOT_COMPOUND_ID ? progress - 0.5 : 0));
    const fee = centre(
      compoundTraits.map(
        (t, i) => feeTarget + 0.08 * t.quality + 0.08 * pilotLift[i]! + (noise[i]!() - 0.5) * 0.03,
      ),
      weights,
      feeTarget,
    );
    const satisfaction = centre(
      compoundTraits.map(
        (t, i) => satisfactionTarget + 0.035 * t.quality + 0.05 * pilotLift[i]! + (noise[i]!() - 0.5) * 0.02,
      ),
      weights,
      satisfactionTarget,
    );
    compounds.forEach((compound, i) => {
      const pilotPath = compound.id === PILOT_COMPOUND_ID ? pilotComplaints(position, count) : null;
      const expected =
        (compound.households / 100) * compoundTraits[i]!.complaintRate * (1 - COMPLAINT_REDUCTION * progress);
      const complaints = pilotPath ?? Math.max(0, Math.round(expected * (0.75 + noise[i]!() * 0.5)));
      rows.push({
        compoundId: compound.id,
        month: month.date,
        monthKey: month.key,
        complaints,
        feeCollectionRate: fee[i]!,
        satisfaction: satisfaction[i]!,
      });
    });
  });
  return rows;
}

/** The reported path, aligned so its last value lands on the latest month of any window length. */
function pilotComplaints(position: number, count: number): number {
  const path = PILOT_COMPLAINTS_PATH;
  const index = path.length - count + position;
  return path[clamp(index, 0, path.length - 1)]!;
}
