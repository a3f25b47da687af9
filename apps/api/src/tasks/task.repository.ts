import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  endOfLocalDay,
  parseLocalDate,
  type DueCursorKey,
  type InspectionKind,
  type ListTasksQuery,
} from '@pilot/domain';
import { beyond, keysetOrPage } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';

const taskInclude = {
  enrollment: {
    select: {
      id: true,
      workflowId: true,
      catalogueVersionId: true,
      compound: {
        select: {
          id: true,
          name: true,
          liftCount: true,
          hasFireControlRoom: true,
          hasSecondaryWaterSupply: true,
          hasUndergroundGarage: true,
          hasEvChargingArea: true,
          hasSepticTank: true,
        },
      },
      firm: { select: { id: true, name: true } },
    },
  },
  round: { select: { number: true, focusCategories: true, keyParts: true } },
  assignee: { select: { id: true, displayName: true } },
  result: {
    select: {
      id: true,
      score: true,
      complianceRate: true,
      submittedAt: true,
      submittedById: true,
      notes: true,
      evidenceIds: true,
    },
  },
} satisfies Prisma.InspectionTaskInclude;

export type TaskRow = Prisma.InspectionTaskGetPayload<{ include: typeof taskInclude }>;

/** The list filter's words for the task states people think in. */
const STATUS_FILTER: Record<NonNullable<ListTasksQuery['status']>, Prisma.InspectionTaskWhereInput> = {
  upcoming: { status: 'scheduled' },
  open: { status: 'open' },
  done: { status: 'submitted' },
  missed: { status: 'missed' },
};

/** Open and past its due time (still submittable until it is marked missed). */
function overdueAt(now: Date): Prisma.InspectionTaskWhereInput {
  return { status: 'open', dueAt: { lt: now } };
}

/** The kinds whose name contains `text` (周检查, Monthly …), so people can search by what they see. */
function kindsNamed(text: string): InspectionKind[] {
  const needle = text.toLowerCase();
  return INSPECTION_KINDS.filter((kind) => {
    const label = INSPECTION_KIND_LABELS[kind];
    return label.zh.includes(text) || label.en.toLowerCase().includes(needle);
  });
}

/** The list's filters without its paging: the task ledger export (检查任务台账) narrows by the same. */
export type TaskFilters = Omit<ListTasksQuery, 'page' | 'pageSize' | 'cursor' | 'sortOrder'>;

export function listFilters(query: TaskFilters, now: Date): Prisma.InspectionTaskWhereInput[] {
  const filters: Prisma.InspectionTaskWhereInput[] = [];
  if (query.pilotId) filters.push({ enrollmentId: query.pilotId });
  if (query.communityId) filters.push({ enrollment: { compound: { communityId: query.communityId } } });
  if (query.firmId) filters.push({ enrollment: { firmId: query.firmId } });
  if (query.compoundId) filters.push({ enrollment: { compoundId: query.compoundId } });
  if (query.kind) filters.push({ kind: query.kind });
  if (query.status) filters.push(STATUS_FILTER[query.status]);
  if (query.overdue !== undefined) filters.push(query.overdue ? overdueAt(now) : { NOT: overdueAt(now) });
  if (query.assigneeId) filters.push({ assigneeId: query.assigneeId });
  if (query.round !== undefined) filters.push({ round: { number: query.round } });
  // Due dates are Shanghai calendar days: from the first to the last instant of those days.
  if (query.dueFrom) filters.push({ dueAt: { gte: new Date(parseLocalDate(query.dueFrom)!) } });
  if (query.dueTo) filters.push({ dueAt: { lte: new Date(endOfLocalDay(parseLocalDate(query.dueTo)!)) } });
  if (query.q) {
    const text = { contains: query.q, mode: 'insensitive' } as const;
    const kinds = kindsNamed(query.q);
    filters.push({
      OR: [
        { enrollment: { compound: { name: text } } },
        { enrollment: { firm: { name: text } } },
        { key: text },
        ...(kinds.length > 0 ? [{ kind: { in: kinds } }] : []),
      ],
    });
  }
  return filters;
}

/** The tasks after a cursor's: due later (or earlier, descending), or at the same time with a later id. */
function afterTask(cursor: DueCursorKey): Prisma.InspectionTaskWhereInput {
  const at = new Date(cursor.at);
  return { OR: [{ dueAt: beyond(cursor.order, at) }, { dueAt: at, id: { gt: cursor.id } }] };
}

@Injectable()
export class TaskRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async list(
    scope: Prisma.InspectionTaskWhereInput,
    query: ListTasksQuery,
    now: Date,
  ): Promise<{ rows: TaskRow[]; total: number }> {
    const where: Prisma.InspectionTaskWhereInput = { AND: [scope, ...listFilters(query, now)] };
    const [rows, total] = await Promise.all([
      this.prisma.inspectionTask.findMany({
        where: query.cursor ? { AND: [where, afterTask(query.cursor)] } : where,
        include: taskInclude,
        orderBy: [{ dueAt: query.sortOrder }, { id: 'asc' }],
        ...keysetOrPage(query),
      }),
      this.prisma.inspectionTask.count({ where }),
    ]);
    return { rows, total };
  }

  findVisible(scope: Prisma.InspectionTaskWhereInput, id: string): Promise<TaskRow | null> {
    return this.prisma.inspectionTask.findFirst({ where: { AND: [scope, { id }] }, include: taskInclude });
  }

  /** The pilot's current self-inspection (自查) task, if the scope admits it: an open one first. */
  async findSelfTask(scope: Prisma.InspectionTaskWhereInput, enrollmentId: string): Promise<TaskRow | null> {
    const tasks = await this.prisma.inspectionTask.findMany({
      where: { AND: [scope, { enrollmentId, kind: 'self' }] },
      include: taskInclude,
      orderBy: [{ dueAt: 'desc' }],
    });
    return tasks.find((t) => t.status === 'open') ?? tasks[0] ?? null;
  }

  catalogueContent(versionId: string) {
    return this.prisma.catalogueVersion.findUnique({
      where: { id: versionId },
      select: { id: true, title: true, content: true },
    });
  }

  resultItems(resultId: string) {
    return this.prisma.itemResult.findMany({
      where: { resultId },
      orderBy: [{ keyPart: 'asc' }, { standardCode: 'asc' }],
    });
  }

  rectificationsOf(taskId: string) {
    return this.prisma.rectification.findMany({ where: { taskId }, orderBy: { standardCode: 'asc' } });
  }
}
