// How big each scenario runs. `smoke` only proves the scenarios work; `small` fits a run in about 10–15 minutes on 2 cores; `full` is the
// size the goals are stated at (10,000 live pilots) and takes far longer (see bench/README.md).

export interface Sizes {
  /** P1: enrollments through POST /pilots, and as many raw starts of the baseline. */
  enrollments: number;
  /** P1: requests in flight at once, as the coordinators' clients send them. */
  enrollConcurrency: number;
  /** P2: how much faster than real time the full pilot's plan runs. */
  fullPilotTimeScale: number;
  /** P2: the longest the full pilot may take before the scenario reports what it has. */
  fullPilotBudgetMs: number;
  /** P3: submissions while the system is idle (each a pilot's self-inspection), and as many baselines. */
  submissions: number;
  /** P3 within P5: submissions sent while the woken pilots drain (at most). */
  burstSubmissions: number;
  /** P4: timed requests of each read, and as many replays of its SQL. */
  reads: number;
  /** P5: live pilots in all (P1's included). */
  livePilots: number;
  /** P5: how many of its pilots (enrolled last) wake in the burst. */
  burstPilots: number;
  /** P5: seconds of idle CPU sampling. */
  idleSampleMs: number;
  /** P6: how long each writer configuration runs. */
  auditRunMs: number;
}

export const SIZES: Record<'smoke' | 'small' | 'full', Sizes> = {
  /** Checks that every scenario works end to end in a few minutes; its figures mean little. */
  smoke: {
    enrollments: 24,
    enrollConcurrency: 8,
    fullPilotTimeScale: 100_000,
    fullPilotBudgetMs: 6 * 60_000,
    submissions: 10,
    burstSubmissions: 6,
    reads: 5,
    livePilots: 80,
    burstPilots: 40,
    idleSampleMs: 5_000,
    auditRunMs: 3_000,
  },
  small: {
    enrollments: 200,
    enrollConcurrency: 8,
    fullPilotTimeScale: 100_000,
    fullPilotBudgetMs: 6 * 60_000,
    submissions: 100,
    burstSubmissions: 60,
    reads: 40,
    livePilots: 1_000,
    burstPilots: 500,
    idleSampleMs: 15_000,
    auditRunMs: 15_000,
  },
  full: {
    enrollments: 1_000,
    enrollConcurrency: 8,
    fullPilotTimeScale: 40_000,
    fullPilotBudgetMs: 15 * 60_000,
    submissions: 500,
    burstSubmissions: 300,
    reads: 200,
    livePilots: 10_000,
    burstPilots: 5_000,
    idleSampleMs: 30_000,
    auditRunMs: 60_000,
  },
};
