import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@pilot/db';
import {
  DAY_MS,
  MATTER_STATUS_LABELS,
  MEETING_PHASE_LABELS,
  MEETING_SIDES,
  MEETING_SIDE_LABELS,
  OPINION_SOURCE_LABELS,
  attendanceSchema,
  formatInstant,
  formatInstantOrNull,
  OPINION_SOURCES,
  parseLocalDate,
  reason,
  type Actor,
  type AddMeetingOpinionInput,
  type CreateMeetingInput,
  type HoldMeetingInput,
  type HoldMeetingRequest,
  type ListMeetingsQuery,
  type Locale,
  type LocalizedText,
  type MeetingUpdateResult,
  type PublishMeetingFeedbackInput,
} from '@pilot/domain';
import { addOpinionUpdate, holdMeetingUpdate, publishFeedbackUpdate } from '@pilot/workflows/messages';
import type { UpdateDefinition } from '@temporalio/client';
import * as z from 'zod';
import { itemError, MatterInputBuilder } from '../matters/matter-input.js';
import { matterActorOf } from '../matters/matter-workflow.gateway.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { PRISMA } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import { updateIdFor } from '../pilots/pilot-workflow.gateway.js';
import type {
  MeetingAction,
  MeetingDetail,
  MeetingItem,
  MeetingOpinionView,
  MeetingPage,
  MeetingResolutionView,
} from './meeting.dto.js';
import { MeetingWorkflowGateway } from './meeting-workflow.gateway.js';

type MeetingRow = Prisma.MeetingGetPayload<{
  include: { resolutions: true; _count: { select: { opinions: true } } };
}>;

const coded = <C extends string>(code: C, labels: Readonly<Record<C, LocalizedText>>) => ({
  code,
  label: labels[code],
});

const opinionSource = z.enum(OPINION_SOURCES);

const dateColumn = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (column: Date) => column.toISOString().slice(0, 10);

/** A date alone means the end of that local day; an instant is taken as written. */
function instantOf(text: string): number {
  const day = parseLocalDate(text);
  return day !== null && text.length === 10 ? day + DAY_MS - 1 : Date.parse(text);
}

/** Which meetings a caller sees: all, or those of some communities (null: the subdistrict-wide ones). */
type Reach = { all: true } | { communities: Array<string | null> };

@Injectable()
export class MeetingService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(MeetingWorkflowGateway) private readonly workflows: MeetingWorkflowGateway,
    @Inject(MatterInputBuilder) private readonly inputs: MatterInputBuilder,
  ) {}

  private async reach(principal: Principal): Promise<Reach> {
    if (principal.role === 'coordinator' || principal.role === 'admin') return { all: true };
    if (principal.role === 'resident') {
      const compound = principal.compoundId
        ? await this.prisma.compound.findUnique({
            where: { id: principal.compoundId },
            select: { communityId: true },
          })
        : null;
      return { communities: compound ? [compound.communityId, null] : [] };
    }
    if (principal.role === 'party' && principal.partyId) {
      const party = await this.prisma.party.findUnique({
        where: { id: principal.partyId },
        select: { communityId: true },
      });
      return { communities: party?.communityId ? [party.communityId, null] : [] };
    }
    return { communities: [] };
  }

  private reachWhere(reach: Reach): Prisma.MeetingWhereInput {
    if ('all' in reach) return {};
    const ids = reach.communities.filter((c): c is string => c !== null);
    return {
      OR: [
        ...(ids.length > 0 ? [{ communityId: { in: ids } }] : []),
        ...(reach.communities.includes(null) ? [{ communityId: null }] : []),
        { id: { in: [] } },
      ],
    };
  }

  /** 四方联席: one meeting per community and month, opinions open from now until `opinionsUntil`. */
  async create(principal: Principal, input: CreateMeetingInput, locale: Locale): Promise<MeetingDetail> {
    let place: { name: string } | null = null;
    if (input.communityId !== null) {
      const community = await this.prisma.community.findUnique({ where: { id: input.communityId } });
      if (!community?.active)
        throw fieldError('communityId', locale, { zh: '没有这个社区。', en: 'No such community.' });
      place = { name: community.name };
    }
    const opinionsUntil = instantOf(input.opinionsUntil);
    const scheduledAt = Date.parse(input.scheduledAt);
    const now = Date.now();
    // A window already closed collects nothing; a year ahead is as far as anyone plans a meeting.
    if (!Number.isFinite(opinionsUntil) || opinionsUntil <= now || opinionsUntil > now + 366 * DAY_MS)
      throw fieldError('opinionsUntil', locale, {
        zh: '意见征集截止时间应在今后一年之内。',
        en: 'The opinion window must close within the coming year.',
      });
    if (!Number.isFinite(scheduledAt) || scheduledAt > now + 400 * DAY_MS)
      throw fieldError('scheduledAt', locale, {
        zh: '会议时间应在今后一年之内。',
        en: 'The meeting must be within the coming year.',
      });
    if (scheduledAt < opinionsUntil)
      throw fieldError('scheduledAt', locale, {
        zh: '会议时间不能早于意见征集截止时间。',
        en: 'The meeting cannot be before the opinion window closes.',
      });
    const month = dateColumn(`${input.month}-01`);
    const existing = await this.prisma.meeting.findFirst({
      where: { communityId: input.communityId, month },
      select: { id: true, title: true },
    });
    if (existing)
      throw new RefusedError([
        reason(
          'meeting_exists',
          `本月已有四方联席会议（${existing.title}），每个社区每月召开一次。`,
          `This community has its meeting for the month already (${existing.title}).`,
        ),
      ]);
    const subdistrict = place
      ? null
      : ((await this.prisma.community.findFirst({ where: { active: true }, select: { subdistrict: true } }))
          ?.subdistrict ?? '街道');
    const title = input.title ?? `${place?.name ?? subdistrict}${Number(input.month.slice(5))}月四方联席会议`;
    // One meeting per community and month, by its id: the workflow id derived from it is refused a
    // second start, so two requests at the same moment still make one meeting.
    const meetingId = `mtg-${input.communityId ?? 'subdistrict'}-${input.month}`;
    await this.workflows.start({
      meetingId,
      title,
      communityId: input.communityId,
      month: `${input.month}-01`,
      opinionsUntil,
      scheduledAt,
      createdBy: { userId: principal.userId, role: principal.role, requestId: principal.requestId },
    });
    return this.detail(principal, meetingId);
  }

  async list(principal: Principal, query: ListMeetingsQuery): Promise<MeetingPage> {
    const where: Prisma.MeetingWhereInput = {
      AND: [
        this.reachWhere(await this.reach(principal)),
        query.communityId ? { communityId: query.communityId } : {},
        query.month ? { month: dateColumn(`${query.month}-01`) } : {},
        query.phase ? { phase: query.phase } : {},
      ],
    };
    const [rows, total] = await Promise.all([
      this.prisma.meeting.findMany({
        where,
        include: { resolutions: true, _count: { select: { opinions: true } } },
        orderBy: [{ month: 'desc' }, { scheduledAt: 'desc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.meeting.count({ where }),
    ]);
    const [communities, closed] = await Promise.all([this.communityNames(rows), this.closedMatters(rows)]);
    return {
      items: rows.map((row) => this.itemView(row, communities, closed)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async detail(principal: Principal, id: string): Promise<MeetingDetail> {
    const row = await this.visible(principal, id);
    const staff = principal.role === 'coordinator' || principal.role === 'admin';
    const [communities, opinions, matters] = await Promise.all([
      this.communityNames([row]),
      this.prisma.meetingOpinion.findMany({
        where: { meetingId: id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
      this.prisma.matter.findMany({
        where: { id: { in: row.resolutions.map((r) => r.matterId) } },
        select: {
          id: true,
          number: true,
          status: true,
          assigneeKind: true,
          assigneeFirmId: true,
          assigneePartyId: true,
          resolveBy: true,
        },
      }),
    ]);
    const agendaMatters = await this.prisma.matter.findMany({
      where: { id: { in: opinions.flatMap((o) => (o.matterId ? [o.matterId] : [])) } },
      select: { id: true, number: true },
    });
    const residents = staff
      ? await this.prisma.user.findMany({
          where: { id: { in: opinions.flatMap((o) => (o.residentId ? [o.residentId] : [])) } },
          select: { id: true, displayName: true },
        })
      : [];
    const [firms, parties] = await Promise.all([
      this.prisma.firm.findMany({
        where: { id: { in: matters.flatMap((m) => (m.assigneeFirmId ? [m.assigneeFirmId] : [])) } },
        select: { id: true, name: true },
      }),
      this.prisma.party.findMany({
        where: { id: { in: matters.flatMap((m) => (m.assigneePartyId ? [m.assigneePartyId] : [])) } },
        select: { id: true, name: true },
      }),
    ]);
    const names = new Map([...firms, ...parties].map((u) => [u.id, u.name]));
    const numbers = new Map(agendaMatters.map((m) => [m.id, m.number]));
    const people = new Map(residents.map((r) => [r.id, r.displayName]));
    const closed = new Set(matters.filter((m) => m.status === 'closed').map((m) => m.id));

    const opinionView = (o: (typeof opinions)[number]): MeetingOpinionView => {
      const source = opinionSource.safeParse(o.source);
      return {
        id: o.id,
        source: coded(source.success ? source.data : 'resident', OPINION_SOURCE_LABELS),
        text: o.text,
        createdAt: formatInstant(o.createdAt),
        matter: o.matterId ? { id: o.matterId, number: numbers.get(o.matterId) ?? o.matterId } : null,
        resident:
          staff && o.residentId ? { id: o.residentId, name: people.get(o.residentId) ?? o.residentId } : null,
        mine: o.residentId !== null && o.residentId === principal.userId,
      };
    };
    const byMatter = new Map(matters.map((m) => [m.id, m]));
    const resolutions = row.resolutions
      .sort((a, b) => a.seq - b.seq)
      .map((r): MeetingResolutionView => {
        const m = byMatter.get(r.matterId);
        const assigneeId = m?.assigneeKind === 'firm' ? m.assigneeFirmId : (m?.assigneePartyId ?? null);
        return {
          seq: r.seq,
          text: r.text,
          dueOn: dayOf(r.dueOn),
          matter: {
            id: r.matterId,
            number: m?.number ?? '',
            status: coded(m?.status ?? 'reported', MATTER_STATUS_LABELS),
            assignee:
              m && assigneeId && (m.assigneeKind === 'firm' || m.assigneeKind === 'party')
                ? { kind: m.assigneeKind, id: assigneeId, name: names.get(assigneeId) ?? assigneeId }
                : null,
            resolveBy: formatInstantOrNull(m?.resolveBy ?? null),
            closed: closed.has(r.matterId),
          },
        };
      });
    const attendance = attendanceSchema.safeParse(row.attendance);
    const opinionsOpen = row.phase === 'opinions' && Date.now() <= row.opinionsUntil.getTime();
    return {
      ...this.itemView(row, communities, closed),
      opinionsOpen,
      opinionList: opinions.filter((o) => o.source !== 'open_matter').map(opinionView),
      agenda: opinions.map(opinionView),
      attendance:
        attendance.success && principal.role !== 'resident'
          ? MEETING_SIDES.map((side) => ({
              side: coded(side, MEETING_SIDE_LABELS),
              names: attendance.data[side],
            }))
          : null,
      minutes: row.minutes,
      resolutions,
      feedback: row.feedback,
      actions: this.actionsOf(principal, row, opinionsOpen),
    };
  }

  private actionsOf(principal: Principal, row: MeetingRow, opinionsOpen: boolean): MeetingAction[] {
    const staff = principal.role === 'coordinator' || principal.role === 'admin';
    const actions: MeetingAction[] = [];
    if (opinionsOpen && (staff || principal.role === 'resident')) actions.push('opinion');
    if (staff && (row.phase === 'opinions' || row.phase === 'meeting')) actions.push('hold');
    if (staff && row.phase === 'follow_up') actions.push('feedback');
    return actions;
  }

  /** 会前征集: a resident's own opinion, or a coordinator's record of a grid visit or reception day. */
  async addOpinion(
    principal: Principal,
    input: AddMeetingOpinionInput,
    key?: string,
  ): Promise<MeetingDetail> {
    const row = await this.visible(principal, input.meetingId);
    await this.send(principal, row.id, addOpinionUpdate, key, (actor) => ({
      actor,
      opinionId: `op-${randomUUID()}`,
      source: input.source,
      text: input.text,
    }));
    return this.detail(principal, row.id);
  }

  /**
   * 会上: the attendance, the minutes and the resolutions, each built as a matter for its
   * responsible party with the meeting's deadline; answers once every resolution's matter exists.
   */
  async hold(
    principal: Principal,
    input: HoldMeetingInput,
    locale: Locale,
    key?: string,
  ): Promise<MeetingDetail> {
    const row = await this.visible(principal, input.meetingId);
    const community = row.communityId
      ? await this.prisma.community.findUnique({
          where: { id: row.communityId },
          select: { id: true, name: true },
        })
      : null;
    const context = await this.inputs.context();
    const resolutions: HoldMeetingRequest['resolutions'] = [];
    for (const [index, resolution] of input.resolutions.entries()) {
      await this.inputs.assigneeName(resolution.assignee, locale, ['resolutions', index, 'assignee']);
      let place: { compoundId: string | null; communityId: string; firmId: string | null; location: string };
      if (resolution.compoundId !== null) {
        const compound = await this.prisma.compound.findUnique({
          where: { id: resolution.compoundId },
          select: { id: true, name: true, communityId: true, firmId: true, active: true },
        });
        if (!compound?.active || (row.communityId !== null && compound.communityId !== row.communityId))
          throw itemError(['resolutions', index, 'compoundId'], locale, {
            zh: '没有这个小区，或它不属于本会议的社区。',
            en: 'No such compound, or it is not in this meeting’s community.',
          });
        place = {
          compoundId: compound.id,
          communityId: compound.communityId,
          firmId: compound.firmId,
          location: compound.name,
        };
      } else {
        if (!community)
          throw itemError(['resolutions', index, 'compoundId'], locale, {
            zh: '街道层面的会议请为议定事项选择小区。',
            en: 'A subdistrict-wide meeting’s resolution names its compound.',
          });
        place = { compoundId: null, communityId: community.id, firmId: null, location: community.name };
      }
      const dueOn = parseLocalDate(resolution.dueOn);
      const matter = await this.inputs.build(
        {
          source: 'meeting',
          ...place,
          category: resolution.category,
          urgency: 'ordinary',
          description: `议定：${resolution.text}`,
          evidenceIds: [],
          reporterId: null,
          callerName: null,
          callerPhone: null,
          patrolVisitId: null,
          meetingId: row.id,
          assignee: resolution.assignee,
          resolveBy: dueOn === null ? null : dueOn + DAY_MS - 1,
          createdBy: { userId: principal.userId, role: principal.role, requestId: principal.requestId },
        },
        { context },
      );
      resolutions.push({ text: resolution.text, dueOn: resolution.dueOn, matter });
    }
    await this.send(principal, row.id, holdMeetingUpdate, key, (actor) => ({
      actor,
      attendance: input.attendance,
      minutes: input.minutes,
      resolutions,
    }));
    // A repeat under the same key answers the first hold, whose matters are the recorded ones.
    const recorded = await this.prisma.meetingResolution.findMany({ where: { meetingId: row.id } });
    for (const resolution of recorded) await this.workflows.matterRecorded(resolution.matterId);
    return this.detail(principal, row.id);
  }

  /** 会后反馈 to the residents; the meeting closes. */
  async feedback(
    principal: Principal,
    input: PublishMeetingFeedbackInput,
    key?: string,
  ): Promise<MeetingDetail> {
    const row = await this.visible(principal, input.meetingId);
    await this.send(principal, row.id, publishFeedbackUpdate, key, (actor) => ({
      actor,
      feedback: input.feedback,
    }));
    return this.detail(principal, row.id);
  }

  private send<Req>(
    principal: Principal,
    meetingId: string,
    definition: UpdateDefinition<MeetingUpdateResult, [Req]>,
    key: string | undefined,
    request: (actor: Actor) => Req,
  ): Promise<MeetingUpdateResult> {
    return this.workflows.update(
      meetingId,
      definition,
      request(matterActorOf(principal)),
      updateIdFor(principal, key),
    );
  }

  private itemView(row: MeetingRow, communities: Map<string, string>, closed: Set<string>): MeetingItem {
    return {
      id: row.id,
      title: row.title,
      community: row.communityId
        ? { id: row.communityId, name: communities.get(row.communityId) ?? row.communityId }
        : null,
      month: dayOf(row.month).slice(0, 7),
      phase: coded(row.phase, MEETING_PHASE_LABELS),
      opinionsUntil: formatInstant(row.opinionsUntil),
      scheduledAt: formatInstant(row.scheduledAt),
      heldAt: formatInstantOrNull(row.heldAt),
      feedbackAt: formatInstantOrNull(row.feedbackAt),
      opinions: row._count.opinions,
      resolutions: row.resolutions.length,
      openResolutions: row.resolutions.filter((r) => !closed.has(r.matterId)).length,
    };
  }

  private async communityNames(rows: MeetingRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.flatMap((r) => (r.communityId ? [r.communityId] : [])))];
    const found = await this.prisma.community.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    return new Map(found.map((c) => [c.id, c.name]));
  }

  private async closedMatters(rows: MeetingRow[]): Promise<Set<string>> {
    const ids = rows.flatMap((r) => r.resolutions.map((x) => x.matterId));
    if (ids.length === 0) return new Set();
    const found = await this.prisma.matter.findMany({
      where: { id: { in: ids }, status: 'closed' },
      select: { id: true },
    });
    return new Set(found.map((m) => m.id));
  }

  private async visible(principal: Principal, id: string): Promise<MeetingRow> {
    const row = await this.prisma.meeting.findFirst({
      where: { AND: [{ id }, this.reachWhere(await this.reach(principal))] },
      include: { resolutions: true, _count: { select: { opinions: true } } },
    });
    if (!row) throw new NotFoundError(`meeting ${id}`);
    return row;
  }
}
