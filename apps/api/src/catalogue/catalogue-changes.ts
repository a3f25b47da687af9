import {
  canonicalJson,
  type CatalogueChanges,
  type CatalogueVersion,
  type Category,
  type Standard,
} from '@pilot/domain';

export interface CataloguePatch {
  version?: string | undefined;
  title?: string | undefined;
  effectiveFrom?: number | undefined;
  /** `keyParts`, when a change carries it, replaces the whole list (like the weekly checklist). */
  changes?: CatalogueChanges | undefined;
}

/**
 * The catalogue that results from applying `patch` to `base`; pure, so the rules stay testable
 * without a database. Replacements keep their place; a new standard goes where its code sorts among
 * the existing ones, so an unchanged part keeps its order (and the fingerprint moves only for real
 * changes). Whether the result is a valid catalogue is validateCatalogue's call, not this one's.
 */
export function applyCatalogueChanges(base: CatalogueVersion, patch: CataloguePatch): CatalogueVersion {
  const changes = patch.changes ?? {};
  let categories: Category[] = base.categories.map((category) => ({ ...category }));
  for (const replacement of changes.categories ?? []) {
    const at = categories.findIndex((category) => category.code === replacement.code);
    if (at >= 0) categories[at] = replacement;
    else categories = [...categories, replacement];
  }

  const removed = new Set(changes.removeStandards ?? []);
  const standards: Standard[] = base.standards.filter((standard) => !removed.has(standard.code));
  for (const replacement of changes.standards ?? []) {
    const at = standards.findIndex((standard) => standard.code === replacement.code);
    if (at >= 0) {
      standards[at] = replacement;
      continue;
    }
    const before = standards.findIndex((standard) => standard.code > replacement.code);
    standards.splice(before < 0 ? standards.length : before, 0, replacement);
  }

  // A removed standard is no longer checked anywhere, so it leaves the key parts too; the weekly
  // checklist is not pruned because its fixed size makes the admin choose a replacement.
  const keyParts = changes.keyParts
    ? changes.keyParts.map((part) => ({ ...part }))
    : base.keyParts?.map((part) => ({
        ...part,
        standards: part.standards.filter((code) => !removed.has(code)),
      }));

  return {
    version: patch.version ?? base.version,
    title: patch.title ?? base.title,
    effectiveFrom: patch.effectiveFrom ?? base.effectiveFrom,
    categories,
    standards,
    weeklyChecklist: changes.weeklyChecklist ? [...changes.weeklyChecklist] : [...base.weeklyChecklist],
    // Absent stays absent: a version without key parts is read through the 2024.1 places.
    ...(keyParts ? { keyParts } : {}),
  };
}

export interface CatalogueDiff {
  titleChanged: boolean;
  effectiveFromChanged: boolean;
  categoriesChanged: string[];
  standardsAdded: string[];
  standardsRemoved: string[];
  standardsChanged: string[];
  weeklyChecklistChanged: boolean;
  keyPartsChanged: boolean;
}

/** What changed between two versions, by code: what the audit entry records instead of two full copies. */
export function diffCatalogues(before: CatalogueVersion, after: CatalogueVersion): CatalogueDiff {
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  const beforeStandards = new Map(before.standards.map((s) => [s.code, s]));
  const afterStandards = new Map(after.standards.map((s) => [s.code, s]));
  const beforeCategories = new Map(before.categories.map((c) => [c.code, c]));
  return {
    titleChanged: before.title !== after.title,
    effectiveFromChanged: before.effectiveFrom !== after.effectiveFrom,
    categoriesChanged: after.categories
      .filter((c) => !same(beforeCategories.get(c.code), c))
      .map((c) => c.code),
    standardsAdded: after.standards.filter((s) => !beforeStandards.has(s.code)).map((s) => s.code),
    standardsRemoved: before.standards.filter((s) => !afterStandards.has(s.code)).map((s) => s.code),
    standardsChanged: after.standards
      .filter((s) => beforeStandards.has(s.code) && !same(beforeStandards.get(s.code), s))
      .map((s) => s.code),
    weeklyChecklistChanged: !same(before.weeklyChecklist, after.weeklyChecklist),
    keyPartsChanged: !same(before.keyParts, after.keyParts),
  };
}

/** The catalogue's own fields only, in a deep copy (drafts may carry `basedOn`, which is not content). */
export function catalogueContent(input: CatalogueVersion): CatalogueVersion {
  const { version, title, effectiveFrom, categories, standards, weeklyChecklist, keyParts } = input;
  return structuredClone({
    version,
    title,
    effectiveFrom,
    categories,
    standards,
    weeklyChecklist,
    ...(keyParts ? { keyParts } : {}),
  });
}
