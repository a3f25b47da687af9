import { Inject, Injectable } from '@nestjs/common';
import {
  featuresOf,
  formatInstantOrNull,
  formatLocalDate,
  PHASE_LABELS,
  PHASES,
  STAGE_LABELS,
  type ListCompoundsQuery,
  type Phase,
} from '@pilot/domain';
import { compoundScope } from '../platform/auth/scope.js';
import type { Principal } from '../platform/auth/principal.js';
import type { CompoundPage, CompoundView } from './compound.dto.js';
import { CompoundRepository, type CompoundRow, type RectificationCounts } from './compound.repository.js';

function compoundView(row: CompoundRow, counts: Map<string, RectificationCounts>): CompoundView {
  const pilot = row.enrollments[0];
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    households: row.households,
    buildings: row.buildings,
    yearBuilt: row.yearBuilt,
    liftCount: row.liftCount,
    features: featuresOf(row),
    active: row.active,
    isDemonstration: row.isDemonstration,
    demonstrationAt: formatInstantOrNull(row.demonstrationAt),
    community: row.community,
    firm: row.firm,
    pilot: pilot
      ? {
          id: pilot.id,
          stage: pilot.stage,
          phase: pilot.phase,
          stageLabel: STAGE_LABELS[pilot.stage],
          phaseLabel: (PHASES as readonly string[]).includes(pilot.phase)
            ? PHASE_LABELS[pilot.phase as Phase]
            : null,
          status: pilot.status,
          paused: pilot.status === 'paused',
          startDate: formatLocalDate(pilot.startDate.getTime()),
          currentRound: pilot.currentRound,
          latestScore: pilot.latestScore,
          starRating: pilot.starRating,
        }
      : null,
    rectifications: pilot
      ? (counts.get(pilot.id) ?? { awaitingAnswer: 0, awaitingVerification: 0, overdue: 0 })
      : null,
  };
}

@Injectable()
export class CompoundService {
  constructor(@Inject(CompoundRepository) private readonly compounds: CompoundRepository) {}

  /** 我的小区: each compound with where its pilot stands, its latest score and stars, and open items. */
  async list(principal: Principal, query: ListCompoundsQuery): Promise<CompoundPage> {
    const { rows, total } = await this.compounds.list(compoundScope(principal), query);
    const enrollmentIds = rows.flatMap((row) => row.enrollments.map((e) => e.id));
    const counts = await this.compounds.rectificationCounts(enrollmentIds, new Date());
    return {
      items: rows.map((row) => compoundView(row, counts)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}
