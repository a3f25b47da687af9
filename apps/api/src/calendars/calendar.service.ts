import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import {
  CALENDAR_RELEASE_1,
  adoptCalendarResultSchema,
  calendarYearsOf,
  calendarReleaseFingerprint,
  calendarReleaseRef,
  defaultCalendarRelease,
  diffCalendarReleases,
  formatInstant,
  formatInstantOrNull,
  normalizeCalendarReleaseData,
  planCalendarWarning,
  reason,
  validateCalendarRelease,
  validateReleaseSuccession,
  type AdoptCalendarReleaseInput,
  type CalendarReleaseData,
  type CalendarReleaseDraftInput,
  type CalendarReleaseRef,
  type Locale,
  type PilotPlan,
  type Problem,
  type PublishCalendarReleaseInput,
  type Reason,
  type ResolvedCalendarRelease,
} from '@pilot/domain';
import { adoptCalendarUpdate } from '@pilot/workflows/messages';
import type { ApiConfig } from '../config.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { mapBounded } from '../platform/concurrency.js';
import { InvalidInputError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { API_CONFIG } from '../platform/tokens.js';
import { actorOf, PilotWorkflowGateway, updateIdFor } from '../pilots/pilot-workflow.gateway.js';
import type {
  CalendarAdoptionBatch,
  CalendarAdoptionItem,
  CalendarReleaseDetail,
  CalendarReleaseList,
  CalendarReleaseSummary,
  PilotCalendar,
} from './calendar.dto.js';
import { CalendarRepository, type CalendarReleaseRow, type RunningPilotRow } from './calendar.repository.js';

/** The refusals of the adoption Update that mean "nothing to do here", not "not allowed". */
const UNCHANGED = new Set(['calendar_already_followed', 'calendar_unchanged', 'calendar_release_older']);

const UNAVAILABLE = reason(
  'unavailable',
  '流程服务暂时不可用，该试点未改用新日历，请稍后重新应用。',
  'The workflow service was briefly unavailable; this pilot did not take the release. Apply it again shortly.',
);
const FAILED = reason(
  'adoption_failed',
  '该试点未能改用新日历（系统出错，已记录），请稍后重新应用。',
  'This pilot could not take the release (a fault on our side, logged); apply it again later.',
);

function dataOf(row: CalendarReleaseData): CalendarReleaseData {
  return normalizeCalendarReleaseData({
    firstYear: row.firstYear,
    lastYear: row.lastYear,
    holidays: row.holidays,
    makeUpWorkdays: row.makeUpWorkdays,
    localHolidays: row.localHolidays,
    localMakeUpWorkdays: row.localMakeUpWorkdays,
  });
}

/** A path segment that names a release: a positive whole number, or nothing (404). */
export function releaseNumber(text: string): number | null {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : null;
}

function pick(locale: Locale, problem: Problem): string {
  return locale === 'en' ? problem.en : problem.zh;
}

function changedConcurrently(version: number): Reason {
  return reason(
    'calendar_draft_changed',
    `工作日历草稿第 ${version} 版刚被修改或发布，请刷新后重试。`,
    `Calendar draft ${version} was just changed or published; reload it and try again.`,
  );
}

/**
 * 工作日历: admins draft a release when the State Council announces next year (every autumn),
 * publish it, and apply it to running pilots; coordinators read the published ones. Every change is
 * audited with what it changes; a published release never changes again.
 */
@Injectable()
export class CalendarService {
  private readonly logger = new Logger('CalendarService');

  constructor(
    @Inject(CalendarRepository) private readonly calendars: CalendarRepository,
    @Inject(PilotWorkflowGateway) private readonly workflows: PilotWorkflowGateway,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** The release new pilots follow, resolved, with its number; release 1 (shipped) before any is published. */
  async current(): Promise<{ release: ResolvedCalendarRelease; ref: CalendarReleaseRef; source: string }> {
    const row = await this.calendars.latestPublished();
    if (!row) {
      const release = defaultCalendarRelease();
      return { release, ref: calendarReleaseRef(release), source: '' };
    }
    const ref = calendarReleaseRef({ version: row.version, ...dataOf(row) });
    return {
      release: { version: row.version, fingerprint: ref.fingerprint, ...dataOf(row) },
      ref,
      source: row.source,
    };
  }

  /**
   * The calendar a pilot follows, for its detail and its enrolment's answer: its release (or, from
   * before releases, the years its plan's own days cover) and whether a newer one is published.
   */
  async pilotCalendar(pilot: {
    calendarVersion: number | null;
    plan: PilotPlan;
    startMs: number;
  }): Promise<PilotCalendar> {
    const [row, latest] = await Promise.all([
      pilot.calendarVersion === null ? null : this.calendars.find(pilot.calendarVersion),
      this.calendars.latestPublished(),
    ]);
    const shipped = pilot.calendarVersion === 1 && !row ? defaultCalendarRelease() : null;
    const years = row ?? shipped ?? calendarYearsOf(pilot.plan.calendar);
    const span = years ? `${years.firstYear}–${years.lastYear}` : null;
    const label =
      pilot.calendarVersion === null
        ? {
            zh: `试点计划自带的工作日历${span ? `（${span} 年）` : ''}，早于日历版本`,
            en: `The plan's own working calendar${span ? ` (${span})` : ''}, from before calendar releases`,
          }
        : {
            zh: `工作日历第 ${pilot.calendarVersion} 版${span ? `（${span} 年）` : ''}`,
            en: `Working calendar release ${pilot.calendarVersion}${span ? ` (${span})` : ''}`,
          };
    const latestPublished = latest?.version ?? null;
    const followed =
      pilot.calendarVersion !== null && years
        ? { version: pilot.calendarVersion, firstYear: years.firstYear, lastYear: years.lastYear }
        : null;
    return {
      version: pilot.calendarVersion,
      firstYear: years?.firstYear ?? null,
      lastYear: years?.lastYear ?? null,
      source: row?.source ?? (shipped ? CALENDAR_RELEASE_1.source : null),
      latestPublished,
      behind:
        latestPublished !== null &&
        (pilot.calendarVersion === null || pilot.calendarVersion < latestPublished),
      label,
      warning: planCalendarWarning(pilot.plan, pilot.startMs, followed),
    };
  }

  async list(viewer: Pick<Principal, 'role'>): Promise<CalendarReleaseList> {
    const rows = await this.calendars.list(viewer.role === 'admin' ? ['draft', 'published'] : ['published']);
    const running = await this.calendars.runningPilotsByVersion();
    return {
      items: rows.map((row) => summary(row, running.get(row.version) ?? 0)),
      latestPublished: rows.find((row) => row.status === 'published')?.version ?? null,
      runningPilotsWithoutRelease: running.get(null) ?? 0,
    };
  }

  async get(viewer: Pick<Principal, 'role'>, versionText: string): Promise<CalendarReleaseDetail> {
    const row = await this.visible(viewer, versionText);
    const [running, published] = await Promise.all([
      this.calendars.runningPilotsByVersion(),
      this.calendars.list(['published']),
    ]);
    // A draft is compared with the release it would follow, a published one with its predecessor.
    const previous =
      row.status === 'draft' ? published[0] : published.find((candidate) => candidate.version < row.version);
    const behind =
      row.status === 'published'
        ? [...running.entries()]
            .filter(([version]) => version === null || version < row.version)
            .reduce((sum, [, count]) => sum + count, 0)
        : 0;
    const data = dataOf(row);
    return {
      ...summary(row, running.get(row.version) ?? 0),
      holidays: data.holidays,
      makeUpWorkdays: data.makeUpWorkdays,
      localHolidays: data.localHolidays,
      localMakeUpWorkdays: data.localMakeUpWorkdays,
      changes: previous
        ? { comparedWith: previous.version, ...diffCalendarReleases(dataOf(previous), data) }
        : null,
      runningPilotsBehind: behind,
    };
  }

  /** 起草: a new release with the next number; 400 names what is wrong with its days. */
  async createDraft(
    actor: Principal,
    input: CalendarReleaseDraftInput,
    locale: Locale,
  ): Promise<CalendarReleaseDetail> {
    const data = dataOf(input);
    const latest = await this.calendars.latestPublished();
    this.checkInput(data, latest, locale);
    const created = await this.audit.within(
      actor,
      async (tx) => {
        const version = await this.calendars.nextVersion(tx);
        await this.calendars.create(tx, version, { ...data, source: input.source }, actor.userId);
        return version;
      },
      (version) => ({
        action: 'calendar.create_draft',
        entityType: 'calendar_release',
        entityId: String(version),
        after: {
          source: input.source,
          years: `${data.firstYear}–${data.lastYear}`,
          fingerprint: calendarReleaseFingerprint(data),
          ...(latest
            ? { changes: { comparedWith: latest.version, ...diffCalendarReleases(dataOf(latest), data) } }
            : {}),
        },
      }),
    );
    return this.get(actor, String(created));
  }

  /** 修改草稿: the draft's whole content replaced; 409 once it is published. */
  async updateDraft(
    actor: Principal,
    versionText: string,
    input: CalendarReleaseDraftInput,
    locale: Locale,
  ): Promise<CalendarReleaseDetail> {
    const row = await this.visible(actor, versionText);
    if (row.status !== 'draft') throw new RefusedError([notDraft(row.version)]);
    const data = dataOf(input);
    this.checkInput(data, await this.calendars.latestPublished(), locale);
    const before = dataOf(row);
    await this.audit.within(
      actor,
      async (tx) => {
        if (
          !(await this.calendars.replaceDraft(tx, row.version, before, { ...data, source: input.source }))
        ) {
          throw new RefusedError([changedConcurrently(row.version)]);
        }
      },
      () => ({
        action: 'calendar.update_draft',
        entityType: 'calendar_release',
        entityId: String(row.version),
        before: { fingerprint: calendarReleaseFingerprint(before), source: row.source },
        after: {
          fingerprint: calendarReleaseFingerprint(data),
          source: input.source,
          changes: diffCalendarReleases(before, data),
        },
      }),
    );
    return this.get(actor, String(row.version));
  }

  /**
   * 发布: the reviewed draft (by fingerprint) becomes the release new pilots follow. It must be
   * valid, newer than the latest published release and cover at least its years.
   */
  async publish(
    actor: Principal,
    versionText: string,
    input: PublishCalendarReleaseInput,
  ): Promise<CalendarReleaseSummary> {
    const row = await this.visible(actor, versionText);
    if (row.status !== 'draft') throw new RefusedError([notDraft(row.version)]);
    const data = dataOf(row);
    const fingerprint = calendarReleaseFingerprint(data);
    if (fingerprint !== input.fingerprint) {
      throw new RefusedError([
        reason(
          'calendar_fingerprint_changed',
          `草稿内容已变化（当前指纹 ${fingerprint}，审核时为 ${input.fingerprint}），请重新审核后再发布。`,
          `The draft changed since it was reviewed (now ${fingerprint}, reviewed ${input.fingerprint}); review it again before publishing.`,
        ),
      ]);
    }
    const latest = await this.calendars.latestPublished();
    // Drafts are checked on every write; again here, since another release may have been published since.
    const problems = [
      ...validateCalendarRelease(data),
      ...validateReleaseSuccession(latest, { version: row.version, ...data }),
    ];
    if (problems.length > 0) throw new RefusedError(problems.map(({ code, zh, en }) => ({ code, zh, en })));
    const at = new Date();
    await this.audit.within(
      actor,
      async (tx) => {
        if (!(await this.calendars.publish(tx, row.version, data, actor.userId, at))) {
          throw new RefusedError([changedConcurrently(row.version)]);
        }
        // Two drafts published at once: the later number wins, the earlier must not follow it.
        const newest = await this.calendars.latestPublished(tx);
        if (newest && newest.version !== row.version) {
          throw new RefusedError(
            validateReleaseSuccession(newest, { version: row.version, ...data }).map(({ code, zh, en }) => ({
              code,
              zh,
              en,
            })),
          );
        }
      },
      () => ({
        action: 'calendar.publish',
        entityType: 'calendar_release',
        entityId: String(row.version),
        before: { status: 'draft' },
        after: {
          status: 'published',
          fingerprint,
          years: `${data.firstYear}–${data.lastYear}`,
          publishedAt: formatInstant(at),
          ...(latest ? { follows: latest.version } : {}),
        },
      }),
    );
    const running = await this.calendars.runningPilotsByVersion();
    return summary(
      { ...row, status: 'published', publishedAt: at, publishedById: actor.userId },
      running.get(row.version) ?? 0,
    );
  }

  /** 应用到一个试点: the pilot's workflow adopts the published release (409 with the reason when it would change nothing). */
  async adoptOne(
    actor: Principal,
    versionText: string,
    pilotId: string,
    key?: string,
  ): Promise<CalendarAdoptionItem> {
    const row = await this.published(actor, versionText);
    const [pilot] = await this.calendars.pilots([pilotId]);
    if (!pilot) throw new NotFoundError(`pilot ${pilotId}`);
    const result = await this.workflows.update(
      pilot.workflowId,
      adoptCalendarUpdate,
      { actor: actorOf(actor), release: refOf(row) },
      updateIdFor(actor, key),
    );
    return {
      pilotId: pilot.id,
      compound: pilot.compound,
      outcome: 'adopted',
      result: adoptCalendarResultSchema.decode(result),
    };
  }

  /**
   * 应用到运行中的试点: every running pilot behind the release (or the ones named), at most
   * BULK_ENROLL_CONCURRENCY at a time — the bound a bulk enrollment has, for the same reason: each
   * waits for its workflow. Each pilot answers on its own; one audit entry records the request, and
   * each pilot's own adoption is audited in its stream. Applying again changes nothing twice: a
   * pilot that follows the release answers `unchanged` with the reason, and a retry with the same
   * Idempotency-Key answers the first request's outcome (each pilot's Update id comes from the key).
   */
  async adoptMany(
    actor: Principal,
    versionText: string,
    input: AdoptCalendarReleaseInput,
    key?: string,
  ): Promise<CalendarAdoptionBatch> {
    const row = await this.published(actor, versionText);
    const ref = refOf(row);
    const targets: Array<{ pilotId: string; pilot: RunningPilotRow | null }> = input.pilotIds
      ? await this.named([...new Set(input.pilotIds)])
      : (await this.calendars.runningPilotsBehind(row.version)).map((pilot) => ({
          pilotId: pilot.id,
          pilot,
        }));
    const settled = await mapBounded(
      targets,
      this.config.bulkEnrollConcurrency,
      async ({ pilotId, pilot }) => {
        if (!pilot) {
          return {
            pilotId,
            compound: null,
            outcome: 'refused' as const,
            reasons: [reason('pilot_not_found', `没有试点 ${pilotId}。`, `No pilot ${pilotId}.`)],
          };
        }
        const result = await this.workflows.update(
          pilot.workflowId,
          adoptCalendarUpdate,
          { actor: actorOf(actor), release: ref },
          key ? `${updateIdFor(actor, key)}:${pilot.id}` : undefined,
        );
        return {
          pilotId,
          compound: pilot.compound,
          outcome: 'adopted' as const,
          result: adoptCalendarResultSchema.decode(result),
        };
      },
    );
    const items = settled.map((outcome, index): CalendarAdoptionItem => {
      if (outcome.status === 'fulfilled') return outcome.value;
      const { pilotId, pilot } = targets[index]!;
      return { pilotId, compound: pilot?.compound ?? null, ...this.refusalOf(outcome.reason) };
    });
    const count = (what: CalendarAdoptionItem['outcome']) =>
      items.filter((item) => item.outcome === what).length;
    const batch: CalendarAdoptionBatch = {
      version: row.version,
      requested: items.length,
      adopted: count('adopted'),
      unchanged: count('unchanged'),
      refused: count('refused'),
      failed: count('failed'),
      movedTasks: items.reduce(
        (sum, item) => sum + (item.outcome === 'adopted' ? item.result.moved.length : 0),
        0,
      ),
      items,
    };
    await this.audit.record(actor, {
      action: 'calendar.adopt_bulk',
      entityType: 'calendar_release',
      entityId: String(row.version),
      after: {
        requested: batch.requested,
        adopted: items.flatMap((item) => (item.outcome === 'adopted' ? [item.pilotId] : [])),
        unchanged: batch.unchanged,
        refused: items.flatMap((item) =>
          item.outcome === 'refused' || item.outcome === 'failed'
            ? [{ pilotId: item.pilotId, reasons: item.reasons.map((r) => r.code) }]
            : [],
        ),
        movedTasks: batch.movedTasks,
      },
    });
    return batch;
  }

  private async named(ids: string[]): Promise<Array<{ pilotId: string; pilot: RunningPilotRow | null }>> {
    const found = new Map((await this.calendars.pilots(ids)).map((pilot) => [pilot.id, pilot]));
    return ids.map((pilotId) => ({ pilotId, pilot: found.get(pilotId) ?? null }));
  }

  /** What a pilot that did not adopt answers: nothing to do, not allowed, or the service away. */
  private refusalOf(
    error: unknown,
  ): Pick<Extract<CalendarAdoptionItem, { reasons: Reason[] }>, 'outcome' | 'reasons'> {
    if (error instanceof RefusedError) {
      const unchanged = error.reasons.length > 0 && error.reasons.every((r) => UNCHANGED.has(r.code));
      return { outcome: unchanged ? 'unchanged' : 'refused', reasons: error.reasons };
    }
    if (error instanceof ServiceUnavailableException) return { outcome: 'failed', reasons: [UNAVAILABLE] };
    this.logger.error({ message: 'calendar adoption: a pilot failed', error: String(error) });
    return { outcome: 'failed', reasons: [FAILED] };
  }

  /** Field problems of a draft's days, and of its place after the latest published release (400). */
  private checkInput(data: CalendarReleaseData, latest: CalendarReleaseRow | null, locale: Locale): void {
    const problems = [
      ...validateCalendarRelease(data),
      // The number is assigned later; only the years can be checked against the latest release now.
      ...validateReleaseSuccession(latest, { version: Number.MAX_SAFE_INTEGER, ...data }),
    ];
    if (problems.length > 0) {
      throw new InvalidInputError(
        problems.map((problem) => ({ path: problem.path, message: pick(locale, problem) })),
      );
    }
  }

  /** The release if the caller may see it (drafts are an admin's); otherwise 404. */
  private async visible(viewer: Pick<Principal, 'role'>, versionText: string): Promise<CalendarReleaseRow> {
    const version = releaseNumber(versionText);
    const row = version === null ? null : await this.calendars.find(version);
    if (!row || (row.status === 'draft' && viewer.role !== 'admin')) {
      throw new NotFoundError(`calendar release ${versionText}`);
    }
    return row;
  }

  private async published(viewer: Pick<Principal, 'role'>, versionText: string): Promise<CalendarReleaseRow> {
    const row = await this.visible(viewer, versionText);
    if (row.status !== 'published') {
      throw new RefusedError([
        reason(
          'calendar_not_published',
          `工作日历第 ${row.version} 版尚未发布，发布后才能应用到试点。`,
          `Calendar release ${row.version} is not published; publish it before applying it to pilots.`,
        ),
      ]);
    }
    return row;
  }
}

function refOf(row: CalendarReleaseRow): CalendarReleaseRef {
  return calendarReleaseRef({ version: row.version, ...dataOf(row) });
}

function notDraft(version: number): Reason {
  return reason(
    'calendar_release_published',
    `工作日历第 ${version} 版已发布，不可再修改；请起草新版本。`,
    `Calendar release ${version} is published and can no longer change; draft a new release.`,
  );
}

function summary(row: CalendarReleaseRow, runningPilots: number): CalendarReleaseSummary {
  const data = dataOf(row);
  return {
    version: row.version,
    status: row.status,
    firstYear: data.firstYear,
    lastYear: data.lastYear,
    source: row.source,
    fingerprint: calendarReleaseFingerprint(data),
    counts: {
      holidays: data.holidays.length,
      makeUpWorkdays: data.makeUpWorkdays.length,
      localHolidays: data.localHolidays.length,
      localMakeUpWorkdays: data.localMakeUpWorkdays.length,
    },
    createdAt: formatInstant(row.createdAt),
    createdById: row.createdById,
    publishedAt: formatInstantOrNull(row.publishedAt),
    publishedById: row.publishedById,
    editable: row.status === 'draft',
    runningPilots,
  };
}
