import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  MATTER_RULES_1,
  fieldLabel,
  formatLocalDate,
  releaseWorkingCalendar,
  type Assignee,
  type Locale,
  type LocalizedText,
  type MatterRules,
  type MatterWorkflowInput,
  type WorkingCalendar,
} from '@pilot/domain';
import { CalendarService } from '../calendars/calendar.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { InvalidInputError } from '../platform/errors/api-errors.js';
import { MatterRepository } from './matter.repository.js';

/** What the caller decides about a new matter; the builder adds its id, number, rules and calendar. */
export type MatterFields = Omit<MatterWorkflowInput, 'matterId' | 'number' | 'rules' | 'calendar'>;

/** The rule set and working calendar new matters follow now, read once for a batch of matters. */
export interface MatterInputContext {
  rules: MatterRules;
  calendar: WorkingCalendar;
}

/** A 400 on one element of a list, worded like the schemas' messages (「佐证材料」（第2项）：…). */
export function itemError(
  path: ReadonlyArray<string | number>,
  locale: Locale,
  text: LocalizedText,
): InvalidInputError {
  const label = fieldLabel(path);
  const ordinal = path
    .filter((segment): segment is number => typeof segment === 'number')
    .map((index) => index + 1)
    .join('.');
  return new InvalidInputError([
    {
      path: path.join('.'),
      message:
        locale === 'en'
          ? `${label.en}${ordinal ? ` (#${ordinal})` : ''}: ${text.en}`
          : `「${label.zh}」${ordinal ? `（第${ordinal}项）` : ''}：${text.zh}`,
    },
  ]);
}

/**
 * The one place a matter's workflow input is made, whoever collects it (a resident's report, a
 * patrol finding, a meeting's resolution): its number from the sequence, its id, the current
 * working calendar and the latest rule set.
 */
@Injectable()
export class MatterInputBuilder {
  constructor(
    @Inject(MatterRepository) private readonly matters: MatterRepository,
    @Inject(CalendarService) private readonly calendars: CalendarService,
  ) {}

  /** The latest published rule set, or rule set 1 that ships with the code. */
  async rules(): Promise<MatterRules> {
    return (await this.matters.currentRules()) ?? MATTER_RULES_1;
  }

  async context(): Promise<MatterInputContext> {
    const [rules, { release }] = await Promise.all([this.rules(), this.calendars.current()]);
    return { rules, calendar: releaseWorkingCalendar(release) };
  }

  /** 事项编号 SX{year}-{5 digits}; a number taken by a start that then failed is simply skipped. */
  async number(now = Date.now()): Promise<string> {
    const serial = await this.matters.nextNumber();
    return `SX${formatLocalDate(now).slice(0, 4)}-${serial.toString().padStart(5, '0')}`;
  }

  /**
   * The input of a new matter. `matterId` may be given when the caller derives it (a patrol finding
   * from its visit), so a retried request finds the workflow it started instead of a second one.
   */
  async build(
    fields: MatterFields,
    options: { matterId?: string; context?: MatterInputContext } = {},
  ): Promise<MatterWorkflowInput> {
    const context = options.context ?? (await this.context());
    return {
      matterId: options.matterId ?? `mt-${randomUUID()}`,
      number: await this.number(),
      ...fields,
      rules: context.rules,
      calendar: context.calendar,
    };
  }

  /**
   * The name of the firm or partner unit a matter is given to; a 400 on `path` when it does not
   * exist or is deactivated.
   */
  async assigneeName(
    assignee: Assignee,
    locale: Locale,
    path: ReadonlyArray<string | number> = ['assignee'],
  ): Promise<string> {
    if (assignee.kind === 'firm') {
      const firm = await this.matters.firm(assignee.firmId);
      if (!firm?.active)
        throw itemError([...path, 'firmId'], locale, {
          zh: '没有这个物业企业，或它已停用。',
          en: 'No such firm, or it is deactivated.',
        });
      return firm.name;
    }
    const [party] = await this.matters.parties([assignee.partyId]);
    if (!party?.active)
      throw itemError([...path, 'partyId'], locale, {
        zh: '没有这个联动单位，或它已停用。',
        en: 'No such partner unit, or it is deactivated.',
      });
    return party.name;
  }

  /**
   * Photos named for a matter must be the caller's own uploads, not attached to a pilot nor to
   * another matter (a matter being written has none yet; an answer's may be that matter's).
   */
  async checkPhotos(
    principal: Principal,
    refs: readonly string[],
    matterId: string | null,
    locale: Locale,
    path: ReadonlyArray<string | number> = ['evidenceRefs'],
  ): Promise<void> {
    if (refs.length === 0) return;
    const rows = new Map((await this.matters.evidence([...new Set(refs)])).map((r) => [r.id, r]));
    for (const [index, id] of refs.entries()) {
      const row = rows.get(id);
      // A photo a 三微案例 case took is that case's, not the matter's to attach.
      const free =
        row &&
        row.enrollmentId === null &&
        row.caseId === null &&
        row.logbookEntryId === null &&
        (row.matterId === null || row.matterId === matterId);
      if (!row || row.uploadedById !== principal.userId || !free)
        throw itemError([...path, index], locale, {
          zh: `照片 ${id} 不是您为本事项上传的文件。`,
          en: `Photo ${id} is not a file you uploaded for this matter.`,
        });
    }
  }
}
