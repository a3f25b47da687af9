import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@pilot/db';
import {
  COMPOUND_FEATURE_LABELS,
  DEFAULT_CATALOGUE,
  catalogueVersionSchema,
  categoryCodeSchema,
  featuresOf,
  keyPartStateSchema,
  notApplicableFor,
  checklistFor,
  taskChecklist,
  taskScopeSchema,
  type CatalogueVersion,
  type CategoryCode,
  type PrintChecklistQuery,
} from '@pilot/domain';
import * as z from 'zod';
import type { Principal } from '../platform/auth/principal.js';
import { enrollmentScope, taskScope } from '../platform/auth/scope.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import { storedJson } from '../pilots/pilot.views.js';
import { renderChecklistSheet, WEEKLY_CHECKLIST_TITLE, type ChecklistRow } from './checklist-sheet.js';
import { dateText, dateTimeText, kindText, percentText, scoreText } from './print-labels.js';
import { printingFonts } from './printing-errors.js';
import { PrintingRepository, type PrintCompound, type PrintTask } from './printing.repository.js';

export interface PdfFile {
  fileName: string;
  asciiFileName: string;
  bytes: Buffer;
}

const KEY_PARTS = z.array(keyPartStateSchema);

/** The compounds whose blank forms a caller may print: those they work on. */
function compoundScope(viewer: Principal): Prisma.CompoundWhereInput {
  switch (viewer.role) {
    case 'admin':
    case 'coordinator':
      return {};
    case 'firm':
      return viewer.firmId ? { firmId: viewer.firmId } : { id: { in: [] } };
    case 'inspector':
      return { enrollments: { some: enrollmentScope(viewer) } };
    default:
      return { id: { in: [] } };
  }
}

/** 不适用 on the form, with why: “本小区无电梯”. */
function missingText(missing: readonly string[]): string {
  const names = missing.map((feature) =>
    feature in COMPOUND_FEATURE_LABELS
      ? COMPOUND_FEATURE_LABELS[feature as keyof typeof COMPOUND_FEATURE_LABELS].zh
      : feature,
  );
  return `不适用：本小区无${names.join('、')}`;
}

function titleOf(kind: string): string {
  return kind === 'weekly' ? WEEKLY_CHECKLIST_TITLE : `物业企业评价激励机制试点${kindText(kind)}检查表`;
}

const safeAscii = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** 周检查表 and the other checklists on paper: blank for paper days, filled from a submitted inspection. */
@Injectable()
export class PrintingService {
  constructor(@Inject(PrintingRepository) private readonly printing: PrintingRepository) {}

  private parseCatalogue(row: { content: unknown } | null): CatalogueVersion | null {
    if (!row) return null;
    const parsed = catalogueVersionSchema.safeParse(row.content);
    return parsed.success ? parsed.data : null;
  }

  /** The blank weekly checklist: of a compound (its name printed, what it lacks marked 不适用) or of none. */
  async blankWeeklyChecklist(viewer: Principal, query: PrintChecklistQuery): Promise<PdfFile> {
    const compound = query.compoundId
      ? await this.printing.compound(query.compoundId, compoundScope(viewer))
      : null;
    if (query.compoundId && !compound) throw new NotFoundError(`compound ${query.compoundId}`);
    const wanted =
      query.catalogueVersionId ?? (compound ? await this.printing.pilotCatalogueOf(compound.id) : null);
    const row = await this.printing.publishedCatalogue(wanted);
    if (query.catalogueVersionId && !row)
      throw new NotFoundError(`catalogue version ${query.catalogueVersionId}`);
    // A fresh installation without a published version still prints the built-in catalogue's form.
    const catalogue = this.parseCatalogue(row) ?? DEFAULT_CATALOGUE;
    const rows = this.blankRows(catalogue, compound);
    const fonts = await printingFonts();
    const bytes = await renderChecklistSheet(fonts, {
      title: WEEKLY_CHECKLIST_TITLE,
      catalogueVersion: catalogue.version,
      compound: compound?.name ?? '',
      firm: compound?.firm.name ?? '',
      date: '',
      inspector: '',
      task: '',
      rows,
      filled: null,
      // A blank form has no date of its own; a fixed one keeps reprints byte for byte the same.
      createdAt: new Date(Date.UTC(2024, 0, 1)),
    });
    const base = compound ? `${compound.name}-周检查表（空白）` : '周检查表（空白）';
    return {
      fileName: `${base}.pdf`,
      asciiFileName: safeAscii(`weekly-checklist-${compound?.id ?? 'blank'}.pdf`),
      bytes,
    };
  }

  private blankRows(catalogue: CatalogueVersion, compound: PrintCompound | null): ChecklistRow[] {
    const features = compound ? featuresOf(compound) : null;
    const standards = checklistFor(catalogue, 'weekly');
    const missing = new Map(
      features
        ? notApplicableFor(catalogue, 'weekly', features).map((n) => [n.standard.code, n.missing])
        : [],
    );
    return standards.map((standard) => {
      const lacks = missing.get(standard.code);
      return {
        code: standard.code,
        title: standard.title.zh,
        requirement: standard.requirement,
        outcome: lacks ? 'na' : null,
        note: lacks ? missingText(lacks) : '',
      };
    });
  }

  /**
   * A task's checklist: filled from its result once submitted; before that the blank form of the
   * task, with its compound, due date and inspector printed.
   */
  async taskChecklist(viewer: Principal, taskId: string): Promise<PdfFile> {
    const task = await this.printing.task(taskId, taskScope(viewer));
    if (!task) throw new NotFoundError(`task ${taskId}`);
    const versionId = task.result?.catalogueVersionId ?? task.enrollment.catalogueVersionId;
    const catalogue = this.parseCatalogue(await this.printing.catalogue(versionId)) ?? DEFAULT_CATALOGUE;
    const compound = task.enrollment.compound;
    const rows = this.taskRows(catalogue, task);
    const result = task.result;
    const inspector = result
      ? ((await this.printing.displayName(result.submittedById)) ?? result.submittedById)
      : (task.assignee?.displayName ?? '');
    const fonts = await printingFonts();
    const bytes = await renderChecklistSheet(fonts, {
      title: titleOf(task.kind),
      catalogueVersion: catalogue.version,
      compound: compound.name,
      firm: compound.firm.name,
      date: result ? dateText(result.submittedAt) : '',
      inspector,
      task: task.key,
      rows,
      filled: result
        ? {
            submittedAt: dateTimeText(result.submittedAt),
            score: scoreText(result.score),
            complianceRate: percentText(result.complianceRate),
            notes: result.notes ?? '',
          }
        : null,
      createdAt: result?.submittedAt ?? task.dueAt,
    });
    const state = result ? '' : '（空白）';
    return {
      fileName: `${compound.name}-${task.key}-检查表${state}.pdf`,
      asciiFileName: safeAscii(`checklist-${task.id}.pdf`),
      bytes,
    };
  }

  private taskRows(catalogue: CatalogueVersion, task: PrintTask): ChecklistRow[] {
    const byCode = new Map(catalogue.standards.map((s) => [s.code, s]));
    const focusCategories = (task.round?.focusCategories ?? []).flatMap((code): CategoryCode[] => {
      const parsed = categoryCodeSchema.safeParse(code);
      return parsed.success ? [parsed.data] : [];
    });
    const checklist = taskChecklist(
      catalogue,
      { kind: task.kind, scope: storedJson(taskScopeSchema.nullable(), task.scope, null) },
      { focusCategories, keyParts: storedJson(KEY_PARTS.nullable(), task.round?.keyParts ?? null, null) },
      featuresOf(task.enrollment.compound),
    );
    const result = task.result;
    if (!result) {
      return [
        ...checklist.entries.map((entry) => ({
          code: entry.standard.code,
          title: entry.standard.title.zh,
          requirement: entry.standard.requirement,
          keyPart: entry.keyPart ?? undefined,
          outcome: null,
          note: '',
        })),
        ...checklist.notApplicable.map((n) => ({
          code: n.standard.code,
          title: n.standard.title.zh,
          requirement: n.standard.requirement,
          outcome: 'na' as const,
          note: missingText(n.missing),
        })),
      ];
    }
    // The recorded items in the form's order; items the form no longer lists follow in code order.
    const order = new Map(
      [
        ...checklist.entries.map((e) => `${e.keyPart ?? ''}|${e.standard.code}`),
        ...checklist.notApplicable.map((n) => `|${n.standard.code}`),
      ].map((key, index) => [key, index]),
    );
    const rank = (item: { keyPart: string; standardCode: string }) =>
      order.get(`${item.keyPart}|${item.standardCode}`) ?? Number.MAX_SAFE_INTEGER;
    return [...result.items]
      .sort((a, b) => rank(a) - rank(b) || (a.standardCode < b.standardCode ? -1 : 1))
      .map((item) => {
        const standard = byCode.get(item.standardCode);
        return {
          code: item.standardCode,
          title: standard?.title.zh ?? '',
          requirement: standard?.requirement ?? '',
          keyPart: item.keyPart || undefined,
          outcome: item.outcome,
          note: item.note ?? '',
        };
      });
  }
}
