import type { CatalogueStandard, CatalogueVersionDetail } from '$lib/api/admin-types';

/*
 * 修改标准: the edit form of one standard as a draft change. The API replaces a standard by its code
 * and the weekly checklist as a whole list (its order is the printed form's), so membership changes
 * are applied to the list here: added at the end, or put where the swapped-out item stood.
 */

export interface StandardEditValues {
  code: string;
  titleZh: string;
  titleEn: string;
  requirement: string;
  method: string;
  weight: string;
  critical: boolean;
  weekly: boolean;
  /** The standard that leaves (when adding) or joins (when removing) the weekly checklist; '' for none. */
  swap: string;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export function readStandardEdit(form: FormData): StandardEditValues {
  return {
    code: text(form, 'code'),
    titleZh: text(form, 'titleZh'),
    titleEn: text(form, 'titleEn'),
    requirement: text(form, 'requirement'),
    method: text(form, 'method'),
    weight: text(form, 'weight'),
    critical: form.get('critical') === 'on',
    weekly: form.get('weekly') === 'on',
    swap: text(form, 'swap'),
  };
}

export function editValuesOf(standard: CatalogueStandard, weekly: readonly string[]): StandardEditValues {
  return {
    code: standard.code,
    titleZh: standard.title.zh,
    titleEn: standard.title.en,
    requirement: standard.requirement,
    method: standard.method,
    weight: String(standard.weight),
    critical: standard.critical,
    weekly: weekly.includes(standard.code),
    swap: '',
  };
}

/** The weekly checklist after the edit, or null when membership did not change. */
export function weeklyAfter(
  checklist: readonly string[],
  code: string,
  weekly: boolean,
  swap: string,
): string[] | null {
  const member = checklist.includes(code);
  if (weekly === member) return null;
  if (weekly) {
    // Joining: takes the place of the swapped-out item (same printed position), else goes last.
    const at = swap ? checklist.indexOf(swap) : -1;
    if (at >= 0) return checklist.map((entry, index) => (index === at ? code : entry));
    return [...checklist, code];
  }
  // Leaving: the swapped-in standard takes its place, else the list gets shorter.
  const at = checklist.indexOf(code);
  if (swap && !checklist.includes(swap))
    return checklist.map((entry, index) => (index === at ? swap : entry));
  return checklist.filter((entry) => entry !== code);
}

type Kind = CatalogueStandard['kinds'][number];
const KIND_ORDER: readonly Kind[] = [
  'self',
  'concentrated',
  'weekly',
  'monthly',
  'quarterly',
  'consolidation',
];

/** The standard's inspection kinds with `weekly` in or out (a checklist item is checked weekly, and only those). */
function withWeekly(kinds: readonly Kind[], weekly: boolean): Kind[] {
  const set = new Set<Kind>(kinds.filter((kind) => kind !== 'weekly'));
  if (weekly) set.add('weekly');
  return KIND_ORDER.filter((kind) => set.has(kind));
}

/**
 * The PATCH body: the whole standard with the edited fields, and, when its weekly checklist
 * membership changed, the new list plus the `weekly` inspection kind moved with it (the catalogue
 * requires the two to agree), on the swapped standard too.
 */
export function standardChanges(
  detail: Pick<CatalogueVersionDetail, 'standards' | 'weeklyChecklist'>,
  values: StandardEditValues,
) {
  const standard = detail.standards.find((entry) => entry.code === values.code);
  if (!standard) return null;
  const weight = Number(values.weight);
  const checklist = detail.weeklyChecklist.map((item) => item.code);
  const weeklyChecklist = weeklyAfter(checklist, values.code, values.weekly, values.swap);
  const edited = {
    ...standard,
    title: { zh: values.titleZh, en: values.titleEn },
    requirement: values.requirement,
    method: values.method,
    // Not a whole number: sent as typed, so the API's message names the field.
    weight: Number.isFinite(weight) && values.weight !== '' ? weight : (values.weight as unknown as number),
    critical: values.critical,
  };
  if (!weeklyChecklist) return { standards: [edited] };
  const swapped = detail.standards.find((entry) => entry.code === values.swap && entry.code !== values.code);
  const swappedIn = swapped ? weeklyChecklist.includes(swapped.code) : false;
  return {
    standards: [
      { ...edited, kinds: withWeekly(standard.kinds, values.weekly) },
      ...(swapped ? [{ ...swapped, kinds: withWeekly(swapped.kinds, swappedIn) }] : []),
    ],
    weeklyChecklist,
  };
}

/**
 * The API's 400 paths on the edit form's fields: `changes.standards.0.weight` or, after the draft is
 * checked as a whole, `standards.37.weight` → `weight`; anything about the weekly list → `weekly`.
 */
export function placeStandardIssues(issues: ReadonlyArray<{ path: string; message: string }>) {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const FIELD: Record<string, string> = {
    weight: 'weight',
    requirement: 'requirement',
    method: 'method',
    critical: 'critical',
  };
  for (const issue of issues) {
    const parts = issue.path.split('.').filter((part) => part !== 'changes');
    let field: string | undefined;
    if (parts[0] === 'weeklyChecklist') field = 'weekly';
    else if (parts[0] === 'standards') {
      const leaf = parts[2];
      if (leaf === 'title') field = parts[3] === 'en' ? 'titleEn' : 'titleZh';
      else if (leaf) field = FIELD[leaf];
    }
    if (field) {
      if (!(field in fields)) fields[field] = issue.message;
    } else general.push(issue.message);
  }
  return { fields, general };
}
