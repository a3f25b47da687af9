import { Inject, Injectable } from '@nestjs/common';
import {
  DAY_MS,
  HOUR_MS,
  MATTER_CATEGORY_LABELS,
  MATTER_CLOSE_KIND_LABELS,
  MATTER_EVENT_LABELS,
  MATTER_RULES_1,
  MATTER_SOURCE_LABELS,
  MATTER_STATUS_LABELS,
  MATTER_URGENCY_LABELS,
  RECORDED_SOURCES,
  allowedMatterActions,
  encodeCursor,
  dueCursorKeySchema,
  formatInstant,
  formatInstantOrNull,
  matterCategorySchema,
  matterEventKindSchema,
  matterRates,
  matterUpdateResultSchema,
  reason,
  sumMatterCounts,
  type Actor,
  type AssignMatterInput,
  type CancelMatterInput,
  type ConfirmMatterInput,
  type CreateMatterInput,
  type JoinMatterInput,
  type ListMattersQuery,
  type Locale,
  type MatterAction,
  type MatterCategory,
  type MatterFacts,
  type MatterProgressInput,
  type MatterRateCounts,
  type MatterRules,
  type MatterState,
  type MatterStatsQuery,
  type MatterUpdateResultView,
  type MatterWorkflowInput,
  type RateMatterInput,
  type ReturnMatterInput,
} from '@pilot/domain';
import {
  acceptMatterUpdate,
  answerMatterUpdate,
  assignMatterUpdate,
  cancelMatterUpdate,
  confirmMatterUpdate,
  joinMatterUpdate,
  matterProgressUpdate,
  rateMatterUpdate,
  returnMatterUpdate,
} from '@pilot/workflows/messages';
import type { UpdateDefinition } from '@temporalio/client';
import type { Principal } from '../platform/auth/principal.js';
import { matterScope } from '../platform/auth/scope.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { fieldError } from '../platform/validation/field-error.js';
import type {
  MatterDetail,
  MatterEventView,
  MatterFigures,
  MatterItem,
  MatterPage,
  MatterStats,
} from './matter.dto.js';
import { itemError, MatterInputBuilder } from './matter-input.js';
import { matterActorOf, MatterWorkflowGateway } from './matter-workflow.gateway.js';
import { MatterRepository, type MatterRow } from './matter.repository.js';
import { updateIdFor } from '../pilots/pilot-workflow.gateway.js';

type Names = Awaited<ReturnType<MatterRepository['names']>>;

/** 409 with the open matters that look like the same problem, so the UI can ask "same problem?". */
export class PossibleDuplicateError extends RefusedError {
  constructor(
    readonly candidates: Array<{
      id: string;
      number: string;
      location: string;
      status: string;
      createdAt: string;
    }>,
  ) {
    super([
      reason(
        'matter_possible_duplicate',
        '近期已有相同小区、相同类别、相近位置的事项未办结，请确认是否为同一问题。',
        'An open matter of the same place and category was reported recently; is it the same problem?',
      ),
    ]);
  }
  override body() {
    return { reasons: this.reasons, candidates: this.candidates };
  }
}

/** Place text as people type it: no spaces or punctuation, one case, so 5号楼 东侧 equals 5号楼东侧. */
function normalisedPlace(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function similarPlace(a: string, b: string): boolean {
  const x = normalisedPlace(a);
  const y = normalisedPlace(b);
  if (x === '' || y === '') return x === y;
  return x === y || x.includes(y) || y.includes(x);
}

const coded = <C extends string>(code: C, labels: Readonly<Record<C, { zh: string; en: string }>>) => ({
  code,
  label: labels[code],
});

function categoryOf(row: MatterRow): MatterCategory {
  // The column is text (categories may grow); a value the vocabulary does not know reads as 其他.
  const parsed = matterCategorySchema.safeParse(row.category);
  return parsed.success ? parsed.data : 'other';
}

function isOverdue(row: MatterRow, now: number): boolean {
  if (row.status === 'closed') return false;
  if (row.overdue) return true;
  if (row.acceptedAt === null) return row.acceptBy !== null && row.acceptBy.getTime() < now;
  return row.answeredAt === null && row.resolveBy !== null && row.resolveBy.getTime() < now;
}

function assigneeOf(row: MatterRow, names: Names): MatterItem['assignee'] {
  if (row.assigneeKind === 'firm' && row.assigneeFirmId)
    return {
      kind: 'firm',
      id: row.assigneeFirmId,
      name: names.firms.get(row.assigneeFirmId) ?? row.assigneeFirmId,
    };
  if (row.assigneeKind === 'party' && row.assigneePartyId)
    return {
      kind: 'party',
      id: row.assigneePartyId,
      name: names.parties.get(row.assigneePartyId) ?? row.assigneePartyId,
    };
  return null;
}

function itemView(row: MatterRow, names: Names, now: number): MatterItem {
  return {
    id: row.id,
    number: row.number,
    source: coded(row.source, MATTER_SOURCE_LABELS),
    category: coded(categoryOf(row), MATTER_CATEGORY_LABELS),
    urgency: coded(row.urgency, MATTER_URGENCY_LABELS),
    status: coded(row.status, MATTER_STATUS_LABELS),
    compound: row.compound,
    community: { id: row.communityId, name: names.communities.get(row.communityId) ?? row.communityId },
    assignee: assigneeOf(row, names),
    location: row.location,
    acceptBy: formatInstantOrNull(row.acceptBy),
    resolveBy: formatInstantOrNull(row.resolveBy),
    confirmBy: formatInstantOrNull(row.confirmBy),
    overdue: isOverdue(row, now),
    reopenCount: row.reopenCount,
    closeKind: row.closeKind ? coded(row.closeKind, MATTER_CLOSE_KIND_LABELS) : null,
    rating: row.rating,
    createdAt: formatInstant(row.createdAt),
    ageDays: Math.max(0, Math.floor((now - row.createdAt.getTime()) / DAY_MS)),
  };
}

/** The row as the rules read a state: the read model carries every field the refusals look at. */
function stateOf(row: MatterRow): MatterState {
  const ms = (at: Date | null) => (at === null ? null : at.getTime());
  const assignee: MatterState['assignee'] =
    row.assigneeKind === 'firm' && row.assigneeFirmId
      ? { kind: 'firm', firmId: row.assigneeFirmId }
      : row.assigneeKind === 'party' && row.assigneePartyId
        ? { kind: 'party', partyId: row.assigneePartyId }
        : null;
  return {
    status: row.status,
    category: categoryOf(row),
    urgency: row.urgency,
    assignee,
    joint: row.jointPartyIds,
    collectedAt: row.createdAt.getTime(),
    assignedAt: ms(row.assignedAt),
    acceptBy: ms(row.acceptBy),
    acceptedAt: ms(row.acceptedAt),
    resolveFrom: null,
    resolveBy: ms(row.resolveBy),
    answeredAt: ms(row.answeredAt),
    confirmBy: ms(row.confirmBy),
    reminded: { accept: false, resolve: false },
    escalated: { accept: row.escalatedAt !== null, resolve: false },
    acceptedInTime: row.acceptedInTime,
    resolvedInTime: row.resolvedInTime,
    reopenCount: row.reopenCount,
    returnCount: row.returnCount,
    rating: row.rating,
    solved: row.solved,
    closedAt: ms(row.closedAt),
    closeKind: row.closeKind,
    seq: 0,
    appliedUpdates: [],
  };
}

function figures(counts: MatterRateCounts): MatterFigures {
  return { ...counts, ...matterRates(counts) };
}

@Injectable()
export class MatterService {
  constructor(
    @Inject(MatterRepository) private readonly matters: MatterRepository,
    @Inject(MatterWorkflowGateway) private readonly workflows: MatterWorkflowGateway,
    @Inject(MatterInputBuilder) private readonly inputs: MatterInputBuilder,
  ) {}

  async list(principal: Principal, query: ListMattersQuery): Promise<MatterPage> {
    const now = new Date();
    const { rows, total } = await this.matters.list(principal, query, now);
    const page = rows.slice(0, query.pageSize);
    const last = page.at(-1);
    const names = await this.matters.names(page);
    return {
      items: page.map((row) => itemView(row, names, now.getTime())),
      total,
      page: query.page,
      pageSize: query.pageSize,
      nextCursor:
        query.sort === 'newest' && rows.length > query.pageSize && last
          ? encodeCursor(dueCursorKeySchema, { order: 'desc', at: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }

  async detail(principal: Principal, id: string): Promise<MatterDetail> {
    return this.detailOf(principal, await this.visible(principal, id));
  }

  private async detailOf(principal: Principal, row: MatterRow): Promise<MatterDetail> {
    const now = Date.now();
    const [names, events, evidence, rules, steward] = await Promise.all([
      this.matters.names([row]),
      this.matters.events(row.id),
      this.matters.evidence(row.evidenceIds),
      this.rulesOf(row.ruleVersion),
      row.stewardId ? this.matters.steward(row.stewardId) : null,
    ]);
    const reporterView = principal.role === 'resident';
    const shown = reporterView ? events.filter((e) => e.public) : events;
    const people = await this.matters.userNames([
      ...new Set(shown.flatMap((e) => (e.actorId ? [e.actorId] : []))),
    ]);
    // The caller's details stay with the working group and the firm that calls back.
    const seesCaller =
      principal.role === 'coordinator' || principal.role === 'admin' || principal.role === 'firm';
    const facts: MatterFacts = {
      input: {
        matterId: row.id,
        number: row.number,
        reporterId: row.reporterId,
        location: row.location,
        rules,
      },
    };
    return {
      ...itemView(row, names, now),
      description: row.description,
      callerName: seesCaller ? row.callerName : null,
      callerPhone: seesCaller ? row.callerPhone : null,
      mine: row.reporterId === principal.userId,
      solved: row.solved,
      ratingComment: row.ratingComment,
      closedAt: formatInstantOrNull(row.closedAt),
      jointParties: row.jointPartyIds.map((id) => ({ id, name: names.parties.get(id) ?? id })),
      steward: steward ? { name: steward.name, phone: steward.phone } : null,
      evidence: evidence.map((e) => ({ id: e.id, fileName: e.fileName, contentType: e.contentType })),
      events: shown.map((e): MatterEventView => {
        const kind = matterEventKindSchema.safeParse(e.kind);
        const code = kind.success ? kind.data : 'progress';
        // The reporter reads units, not the names of the staff who spoke for them.
        const ownStep = e.actorId !== null && e.actorId === principal.userId;
        const actorName =
          e.actorId === null || (reporterView && !ownStep) ? null : (people.get(e.actorId) ?? null);
        return {
          seq: e.seq,
          kind: coded(code, MATTER_EVENT_LABELS),
          at: formatInstant(e.at),
          actorName,
          unit: e.actorUnit,
          note: e.note,
          evidenceIds: e.evidenceIds,
        };
      }),
      actions: this.actionsOf(row, facts, matterActorOf(principal)),
    };
  }

  private actionsOf(row: MatterRow, facts: MatterFacts, actor: Actor): MatterAction[] {
    return allowedMatterActions(stateOf(row), facts, actor);
  }

  /** The resident's steward: an active assignment of their own compound, its firm's active account. */
  private async stewardOf(
    compound: { id: string; firmId: string | null },
    stewardId: string,
    locale: Locale,
  ): Promise<NonNullable<MatterWorkflowInput['steward']>> {
    const steward = await this.matters.steward(stewardId);
    if (!steward?.active || !steward.userActive || steward.compoundId !== compound.id || !compound.firmId)
      throw fieldError('stewardId', locale, {
        zh: '请选择本小区在岗的物业管家。',
        en: 'Choose a steward serving your compound.',
      });
    return { assignmentId: steward.id, userId: steward.userId, name: steward.name };
  }

  /** The rule set a matter was collected under; rule set 1 ships with the code and may have no row. */
  private async rulesOf(version: number): Promise<MatterRules> {
    return (await this.matters.rules(version)) ?? MATTER_RULES_1;
  }

  /**
   * 问题收集: a resident's report for their compound, or a coordinator's record of a call. Refuses
   * with the likely duplicates unless the caller confirmed it is another problem; then numbers it,
   * starts its workflow and answers once the matter is recorded.
   */
  async create(principal: Principal, input: CreateMatterInput, locale: Locale): Promise<MatterDetail> {
    const resident = principal.role === 'resident';
    let place: { compoundId: string | null; communityId: string; firmId: string | null };
    let steward: MatterWorkflowInput['steward'] = null;
    if (resident) {
      const ownSource = input.stewardId !== undefined ? 'steward' : 'resident';
      if (input.source !== undefined && input.source !== 'resident' && input.source !== ownSource)
        throw fieldError('source', locale, {
          zh: '居民只能本人报事。',
          en: 'Residents report for themselves.',
        });
      if (!principal.compoundId)
        throw new RefusedError([
          reason(
            'resident_without_compound',
            '您的账号尚未绑定小区，请先完成居民注册审核。',
            'Your account is not bound to a compound yet.',
          ),
        ]);
      const compound = await this.matters.compound(principal.compoundId);
      if (!compound) throw new NotFoundError(`compound ${principal.compoundId}`);
      place = { compoundId: compound.id, communityId: compound.communityId, firmId: compound.firmId };
      if (input.stewardId !== undefined) steward = await this.stewardOf(compound, input.stewardId, locale);
    } else {
      if (input.stewardId !== undefined)
        throw fieldError('stewardId', locale, {
          zh: '向管家反映由居民本人提交。',
          en: 'Only a resident reports to their steward.',
        });
      if (input.source === undefined || !(RECORDED_SOURCES as readonly string[]).includes(input.source))
        throw fieldError('source', locale, {
          zh: '请选择来源：12345 热线、来电或接待日。',
          en: 'Choose the source: hotline, phone or reception day.',
        });
      if (input.compoundId !== undefined) {
        const compound = await this.matters.compound(input.compoundId);
        if (!compound?.active)
          throw fieldError('compoundId', locale, { zh: '没有这个小区。', en: 'No such compound.' });
        if (input.communityId !== undefined && input.communityId !== compound.communityId)
          throw fieldError('communityId', locale, {
            zh: '小区不属于该社区。',
            en: 'The compound is not in this community.',
          });
        place = { compoundId: compound.id, communityId: compound.communityId, firmId: compound.firmId };
      } else {
        const community = input.communityId ? await this.matters.community(input.communityId) : null;
        if (!community?.active)
          throw fieldError('communityId', locale, { zh: '没有这个社区。', en: 'No such community.' });
        place = { compoundId: null, communityId: community.id, firmId: null };
      }
    }
    await this.inputs.checkPhotos(principal, input.evidenceRefs, null, locale);
    const context = await this.inputs.context();
    const { rules } = context;
    const now = Date.now();
    if (!input.confirmNotDuplicate) {
      const similar = (
        await this.matters.similarOpen(
          place,
          input.category,
          new Date(now - rules.duplicateWithinHours * HOUR_MS),
        )
      ).filter((m) => similarPlace(m.location, input.location));
      if (similar.length > 0)
        throw new PossibleDuplicateError(
          similar.map((m) => ({
            id: m.id,
            number: m.number,
            location: m.location,
            status: m.status,
            createdAt: formatInstant(m.createdAt),
          })),
        );
    }
    const recorded = await this.inputs.build(
      {
        source: steward ? 'steward' : resident ? 'resident' : (input.source ?? 'phone'),
        ...place,
        category: input.category,
        urgency: resident ? 'ordinary' : (input.urgency ?? 'ordinary'),
        location: input.location,
        description: input.description,
        evidenceIds: input.evidenceRefs,
        reporterId: resident ? principal.userId : null,
        callerName: resident ? null : (input.callerName ?? null),
        callerPhone: resident ? null : (input.callerPhone ?? null),
        patrolVisitId: null,
        meetingId: null,
        steward,
        // The steward is the firm's: the firm answers without waiting for 分类定责.
        assignee: steward && place.firmId ? { kind: 'firm', firmId: place.firmId } : null,
        resolveBy: null,
        createdBy: { userId: principal.userId, role: principal.role, requestId: principal.requestId },
      },
      { context },
    );
    await this.workflows.start(recorded);
    const row = await this.matters.findVisible({}, recorded.matterId);
    if (!row) throw new Error(`matter ${recorded.matterId} was recorded but is not in the database`);
    return this.detailOf(principal, row);
  }

  async assign(principal: Principal, input: AssignMatterInput, locale: Locale, key?: string) {
    const row = await this.visible(principal, input.matterId);
    const assigneeName = await this.inputs.assigneeName(input.assignee, locale);
    return this.send(principal, row, assignMatterUpdate, key, (actor) => ({
      actor,
      category: input.category,
      urgency: input.urgency,
      assignee: input.assignee,
      assigneeName,
      ...(input.note ? { note: input.note } : {}),
    }));
  }

  async accept(principal: Principal, matterId: string, key?: string) {
    const row = await this.visible(principal, matterId);
    const unitName = await this.unitName(principal);
    return this.send(principal, row, acceptMatterUpdate, key, (actor) => ({ actor, unitName }));
  }

  async returnToQueue(principal: Principal, input: ReturnMatterInput, key?: string) {
    const row = await this.visible(principal, input.matterId);
    const unitName = await this.unitName(principal);
    return this.send(principal, row, returnMatterUpdate, key, (actor) => ({
      actor,
      unitName,
      reason: input.reason,
    }));
  }

  async join(principal: Principal, input: JoinMatterInput, locale: Locale, key?: string) {
    const row = await this.visible(principal, input.matterId);
    const ids = [...new Set(input.partyIds)];
    const found = new Map((await this.matters.parties(ids)).map((p) => [p.id, p]));
    const missing = ids.findIndex((id) => !found.get(id)?.active);
    if (missing >= 0)
      throw itemError(['partyIds', input.partyIds.indexOf(ids[missing] ?? '')], locale, {
        zh: '没有这个联动单位，或它已停用。',
        en: 'No such partner unit, or it is deactivated.',
      });
    const unitName = await this.unitName(principal);
    return this.send(principal, row, joinMatterUpdate, key, (actor) => ({
      actor,
      unitName,
      parties: ids.map((id) => ({ partyId: id, name: found.get(id)!.name })),
      ...(input.note ? { note: input.note } : {}),
    }));
  }

  async progress(
    principal: Principal,
    input: MatterProgressInput,
    locale: Locale,
    answer: boolean,
    key?: string,
  ) {
    const row = await this.visible(principal, input.matterId);
    await this.inputs.checkPhotos(principal, input.evidenceRefs, row.id, locale);
    const unitName = await this.unitName(principal);
    return this.send(principal, row, answer ? answerMatterUpdate : matterProgressUpdate, key, (actor) => ({
      actor,
      unitName,
      note: input.note,
      evidenceIds: input.evidenceRefs,
    }));
  }

  async rate(principal: Principal, input: RateMatterInput, key?: string) {
    const row = await this.visible(principal, input.matterId);
    return this.send(principal, row, rateMatterUpdate, key, (actor) => ({
      actor,
      solved: input.solved,
      rating: input.rating,
      ...(input.comment ? { comment: input.comment } : {}),
    }));
  }

  async confirm(principal: Principal, input: ConfirmMatterInput, key?: string) {
    const row = await this.visible(principal, input.matterId);
    return this.send(principal, row, confirmMatterUpdate, key, (actor) => ({
      actor,
      solved: input.solved,
      rating: input.rating ?? null,
      note: input.note,
    }));
  }

  async cancel(principal: Principal, input: CancelMatterInput, locale: Locale, key?: string) {
    const row = await this.visible(principal, input.matterId);
    if (input.duplicateOf !== undefined) {
      const original = await this.matters.findVisible({}, input.duplicateOf);
      if (!original || original.id === row.id)
        throw fieldError('duplicateOf', locale, { zh: '没有这个事项。', en: 'No such matter.' });
    }
    return this.send(principal, row, cancelMatterUpdate, key, (actor) => ({
      actor,
      reason: input.reason,
      ...(input.duplicateOf !== undefined ? { duplicateOf: input.duplicateOf } : {}),
    }));
  }

  /** 响应率、解决率、满意率 per group, from the database's counts. */
  async stats(query: MatterStatsQuery): Promise<MatterStats> {
    const rules = await this.inputs.rules();
    const counts = await this.matters.counts(query, rules.satisfiedFrom, new Date());
    const names = await this.groupNames(
      query.groupBy,
      counts.map((c) => c.key),
    );
    const unnamed = {
      party: { zh: '未派给联动单位', en: 'Not with a partner unit' },
      firm: { zh: '未派给物业企业', en: 'Not with a firm' },
      community: { zh: '未知社区', en: 'Unknown community' },
      month: { zh: '未知月份', en: 'Unknown month' },
    }[query.groupBy].zh;
    return {
      groupBy: query.groupBy,
      from: query.from ?? null,
      to: query.to ?? null,
      groups: counts.map(({ key, ...c }) => ({
        key,
        name: key === null ? unnamed : (names.get(key) ?? key),
        ...figures(c),
      })),
      total: figures(sumMatterCounts(counts)),
    };
  }

  private async groupNames(groupBy: MatterStatsQuery['groupBy'], keys: Array<string | null>) {
    const ids = keys.filter((k): k is string => k !== null);
    const prisma = this.matters.prisma;
    const select = { id: true, name: true } as const;
    const rows =
      groupBy === 'party'
        ? await prisma.party.findMany({ where: { id: { in: ids } }, select })
        : groupBy === 'firm'
          ? await prisma.firm.findMany({ where: { id: { in: ids } }, select })
          : groupBy === 'community'
            ? await prisma.community.findMany({ where: { id: { in: ids } }, select })
            : ids.map((id) => ({ id, name: id }));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The firm's or the unit's name the actor speaks for (the timeline shows it). */
  private async unitName(principal: Principal): Promise<string> {
    if (principal.role === 'firm' && principal.firmId)
      return (await this.matters.firm(principal.firmId))?.name ?? principal.displayName;
    if (principal.role === 'party' && principal.partyId)
      return (await this.matters.parties([principal.partyId]))[0]?.name ?? principal.displayName;
    return '街道工作专班';
  }

  private async send<Req>(
    principal: Principal,
    row: MatterRow,
    definition: UpdateDefinition<Parameters<typeof matterUpdateResultSchema.decode>[0], [Req]>,
    key: string | undefined,
    request: (actor: Actor) => Req,
  ): Promise<MatterUpdateResultView> {
    const result = await this.workflows.update(
      row.workflowId,
      definition,
      request(matterActorOf(principal)),
      updateIdFor(principal, key),
    );
    return matterUpdateResultSchema.decode(result);
  }

  private async visible(principal: Principal, id: string): Promise<MatterRow> {
    const row = await this.matters.findVisible(matterScope(principal), id);
    if (!row) throw new NotFoundError(`matter ${id}`);
    return row;
  }
}
