import * as z from 'zod';
import { reason, type Reason } from '../shared/reason.js';

/** A score of at least `minScore` earns `stars`. */
export const starBandSchema = z.object({ minScore: z.number(), stars: z.number().int() });
export type StarBand = z.infer<typeof starBandSchema>;

/**
 * Five bands, ten points apart, matching the common 100-point property-service assessment where 60
 * is the pass line: ≥90 ★★★★★, ≥80 ★★★★, ≥70 ★★★, ≥60 ★★, below 60 ★.
 */
export const DEFAULT_STAR_BANDS: readonly StarBand[] = [
  { minScore: 90, stars: 5 },
  { minScore: 80, stars: 4 },
  { minScore: 70, stars: 3 },
  { minScore: 60, stars: 2 },
  { minScore: 0, stars: 1 },
];

/**
 * While a failed critical standard (fire safety, lifts, falling objects…) is not rectified the
 * rating cannot exceed two stars, whatever the points say: safety is not traded against tidiness.
 */
export const DEFAULT_CRITICAL_CAP_STARS = 2;

export interface StarRatingOptions {
  bands?: readonly StarBand[];
  /** Critical findings still open (not verified as rectified). */
  openCriticalFailures?: number;
  criticalCapStars?: number;
}

export interface StarRating {
  stars: number;
  /** What the score alone would earn. */
  uncappedStars: number;
  capped: boolean;
  reasons: Reason[];
}

/** Stars of the highest band the score reaches; 0 when it reaches none (bands without a 0 floor). */
export function starsForScore(score: number, bands: readonly StarBand[] = DEFAULT_STAR_BANDS): number {
  let best = 0;
  let bestMin = Number.NEGATIVE_INFINITY;
  for (const band of bands) {
    if (score >= band.minScore && band.minScore > bestMin) {
      best = band.stars;
      bestMin = band.minScore;
    }
  }
  return best;
}

export function starRating(score: number, options: StarRatingOptions = {}): StarRating {
  const bands = options.bands ?? DEFAULT_STAR_BANDS;
  const cap = options.criticalCapStars ?? DEFAULT_CRITICAL_CAP_STARS;
  const openCritical = options.openCriticalFailures ?? 0;
  const uncappedStars = starsForScore(score, bands);
  const reasons: Reason[] = [
    reason(
      'score_band',
      `得分 ${score} 对应 ${uncappedStars} 星。`,
      `A score of ${score} earns ${uncappedStars} star(s).`,
    ),
  ];
  if (openCritical > 0 && uncappedStars > cap) {
    reasons.push(
      reason(
        'critical_cap',
        `尚有 ${openCritical} 项关键项问题未整改，星级封顶为 ${cap} 星。`,
        `${openCritical} critical finding(s) are not rectified, so the rating is capped at ${cap} star(s).`,
      ),
    );
    return { stars: cap, uncappedStars, capped: true, reasons };
  }
  return { stars: uncappedStars, uncappedStars, capped: false, reasons };
}

/** Problems with a band table: it must be non-empty, within 0..100, and more points never fewer stars. */
export function validateStarBands(bands: readonly StarBand[]): Reason[] {
  const problems: Reason[] = [];
  if (bands.length === 0)
    problems.push(reason('bands_empty', '星级区间不能为空。', 'At least one star band is needed.'));
  for (const band of bands) {
    if (!Number.isFinite(band.minScore) || band.minScore < 0 || band.minScore > 100) {
      problems.push(
        reason(
          'band_min_score',
          `星级区间下限 ${band.minScore} 应在 0–100 之间。`,
          `Band floor ${band.minScore} must be within 0–100.`,
        ),
      );
    }
    if (!Number.isInteger(band.stars) || band.stars < 1) {
      problems.push(
        reason(
          'band_stars',
          `星级 ${band.stars} 应为正整数。`,
          `Band stars ${band.stars} must be a positive whole number.`,
        ),
      );
    }
  }
  const sorted = [...bands].sort((a, b) => a.minScore - b.minScore);
  for (let i = 1; i < sorted.length; i += 1) {
    const lower = sorted[i - 1];
    const upper = sorted[i];
    if (lower && upper && (upper.minScore === lower.minScore || upper.stars <= lower.stars)) {
      problems.push(
        reason(
          'bands_not_increasing',
          '星级区间下限须各不相同，且得分越高星级越高。',
          'Band floors must differ and a higher floor must give more stars.',
        ),
      );
      break;
    }
  }
  return problems;
}
