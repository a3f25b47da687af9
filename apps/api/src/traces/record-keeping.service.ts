import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  FIRM_STAFF_ROLES,
  FIRM_STAFF_ROLE_LABELS,
  addLocalDays,
  formatLocalDate,
  onTimeByRole,
  onTimeRate,
  startOfLocalDay,
  type DashboardQuery,
  type FirmStaffRole,
} from '@pilot/domain';
import type { RecordKeeping } from '../dashboard/dashboard.dto.js';
import { PRISMA } from '../platform/tokens.js';
import { label } from '../reporting/charts.js';
import type { Viewer } from '../reporting/scope.js';
import { TraceFactsReader } from './trace-facts.js';
import { traceCompoundScope } from './trace-scope.js';

/** The dashboard's window for 规范操作 from the logbooks: the last 30 whole days. */
const WINDOW_DAYS = 30;

/**
 * 规范操作 over the caller's compounds from their logbooks: each compound's due work (maintenance,
 * equipment rounds, patrols) and what was done on time, summed per post. Compounds that keep no
 * register and walk no route have nothing due and are left out of the count.
 */
@Injectable()
export class RecordKeepingService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TraceFactsReader) private readonly facts: TraceFactsReader,
  ) {}

  async figure(viewer: Viewer, query: DashboardQuery, nowMs = Date.now()): Promise<RecordKeeping> {
    const untilMs = startOfLocalDay(nowMs);
    const fromMs = addLocalDays(untilMs, -WINDOW_DAYS);
    const where: Prisma.CompoundWhereInput = {
      AND: [
        traceCompoundScope(viewer),
        query.firmId ? { firmId: query.firmId } : {},
        query.communityId ? { communityId: query.communityId } : {},
        query.pilotId ? { enrollments: { some: { id: query.pilotId } } } : {},
        { OR: [{ equipment: { some: { active: true } } }, { patrolRoutes: { some: { active: true } } }] },
      ],
    };
    const compounds = await this.prisma.compound.findMany({ where, select: { id: true } });
    const isWorking = await this.facts.workingDays();
    const tally = new Map<FirmStaffRole, { due: number; onTime: number }>();
    // One compound at a time: a county's logbooks for a month need not sit in memory together.
    for (const { id } of compounds) {
      const { roles } = onTimeByRole(await this.facts.facts(id, fromMs, untilMs), isWorking);
      for (const r of roles) {
        const t = tally.get(r.role) ?? { due: 0, onTime: 0 };
        tally.set(r.role, { due: t.due + r.due, onTime: t.onTime + r.onTime });
      }
    }
    const roles = FIRM_STAFF_ROLES.flatMap((role) => {
      const t = tally.get(role);
      return t
        ? [{ role, label: FIRM_STAFF_ROLE_LABELS[role], ...t, rate: onTimeRate(t.due, t.onTime) }]
        : [];
    });
    const due = roles.reduce((sum, r) => sum + r.due, 0);
    const onTime = roles.reduce((sum, r) => sum + r.onTime, 0);
    return {
      compounds: compounds.length,
      from: formatLocalDate(fromMs),
      to: formatLocalDate(untilMs - 1),
      total: { due, onTime, rate: onTimeRate(due, onTime) },
      roles,
      chart: {
        key: 'record-keeping',
        title: label('规范操作（台账记录按时率）', 'Standard operation (records kept on time)'),
        kind: 'bar',
        categories: roles.map((r) => ({ key: r.role, label: r.label })),
        series: [
          {
            key: 'onTime',
            label: label('按时完成率', 'Done on time'),
            unit: 'percent',
            data: roles.map((r) => r.rate),
          },
        ],
      },
    };
  }
}
