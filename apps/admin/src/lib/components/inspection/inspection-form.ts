import {
  itemResultSchema,
  parseInput,
  submitInspectionSchema,
  traceRef,
  type Locale,
  type SubmitInspectionInput,
} from '@pilot/domain';
import type { Attachment } from '$lib/api/field-work';

/*
 * The inspection form's rules, without Svelte: what an answer is, how far the checklist is done,
 * what is wrong with an item, what will be sent and what the summary before sending says. The
 * item rules are the API's own (the shared zod schema of @pilot/domain), plus the one thing that
 * schema cannot know: a graded item's maximum, which comes from the catalogue.
 */

export const OUTCOMES = ['pass', 'fail', 'na'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ItemAnswer {
  outcome: Outcome | null;
  /** As typed (graded items only): kept as text so a half-typed "4." survives a re-render. */
  score: string;
  note: string;
  evidence: Attachment[];
  /** Logbook entries cited as evidence (痕迹记录), by id; sent as `trace:<id>` beside the photos. */
  citations: string[];
}

export type Answers = Record<string, ItemAnswer>;

/** What the form needs to know about a standard (the API's checklist entry has more). */
export interface FormStandard {
  code: string;
  title: { zh: string; en: string };
  critical: boolean;
  scoring: { mode: 'binary' } | { mode: 'graded'; max: number };
}

/** A category of whole-compound checks, or a key part (重点部位: a place) with the standards asked there. */
export interface FormGroup<S extends FormStandard = FormStandard> {
  code: string;
  name: { zh: string; en: string };
  standards: readonly S[];
}

/** The checklist as `GET /tasks/:id` sends it: whole-compound checks by category, key-part checks by place. */
export interface FormChecklist<S extends FormStandard = FormStandard> {
  categories: readonly FormGroup<S>[];
  keyParts: readonly FormGroup<S>[];
}

/**
 * One question of the form: a standard, asked at a key part on key-part checks (the same standard
 * may be asked at several places). `id` keys the answer, the form fields and the draft.
 */
export interface FormEntry<S extends FormStandard = FormStandard> {
  id: string;
  code: string;
  keyPart: string | null;
  /** The section the entry is shown in (see `sectionsOf`). */
  section: string;
  standard: S;
}

/** A fold of the form: one category (`category:A`) or one key part (`part:fire_control_room`). */
export interface FormSection<S extends FormStandard = FormStandard> {
  key: string;
  kind: 'category' | 'keyPart';
  code: string;
  name: { zh: string; en: string };
  entries: FormEntry<S>[];
}

/** The answer's key: `fire_control_room/E-01` at a key part, the standard's code elsewhere. */
export function entryId(code: string, keyPart: string | null): string {
  return keyPart ? `${keyPart}/${code}` : code;
}

/** The form's sections in order: the categories, then the key parts (a task has one or the other). */
export function sectionsOf<S extends FormStandard>(checklist: FormChecklist<S>): FormSection<S>[] {
  const section = (kind: FormSection['kind'], group: FormGroup<S>): FormSection<S> => {
    const key = `${kind === 'category' ? 'category' : 'part'}:${group.code}`;
    const keyPart = kind === 'keyPart' ? group.code : null;
    return {
      key,
      kind,
      code: group.code,
      name: group.name,
      entries: group.standards.map((standard) => ({
        id: entryId(standard.code, keyPart),
        code: standard.code,
        keyPart,
        section: key,
        standard,
      })),
    };
  };
  return [
    ...checklist.categories.map((group) => section('category', group)),
    ...checklist.keyParts.map((group) => section('keyPart', group)),
  ];
}

export const NOTE_MAX = 500;
export const NOTES_MAX = 2000;
export const PHOTOS_MAX = 20;

export function emptyAnswer(): ItemAnswer {
  return { outcome: null, score: '', note: '', evidence: [], citations: [] };
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/** Every question of the checklist, in order. */
export function entriesOf<S extends FormStandard>(checklist: FormChecklist<S>): FormEntry<S>[] {
  return sectionsOf(checklist).flatMap((section) => section.entries);
}

/** Every standard of the checklist once, in order (a standard asked at several key parts counts once). */
export function standardsOf<S extends FormStandard>(checklist: FormChecklist<S>): S[] {
  const seen = new Map<string, S>();
  for (const entry of entriesOf(checklist)) if (!seen.has(entry.code)) seen.set(entry.code, entry.standard);
  return [...seen.values()];
}

/** An answer for every question: the ones given, empty ones for the rest (unknown ids dropped). */
export function completeAnswers(checklist: FormChecklist, given: Answers = {}): Answers {
  const answers: Answers = {};
  for (const entry of entriesOf(checklist)) {
    const answer = given[entry.id];
    answers[entry.id] = answer
      ? { ...answer, evidence: [...answer.evidence], citations: [...(answer.citations ?? [])] }
      : emptyAnswer();
  }
  return answers;
}

export interface SectionProgress {
  /** The section's key (`category:A`, `part:pump_room`). */
  key: string;
  answered: number;
  total: number;
  failed: number;
  /** Items answered but not acceptable as they are (a fail without a note, a score out of range). */
  problems: number;
  complete: boolean;
}

export interface Progress {
  answered: number;
  total: number;
  failed: number;
  problems: number;
  /** 0..1, for a progress bar. */
  ratio: number;
  sections: SectionProgress[];
  /** Every item answered and none with a problem: ready for the summary. */
  ready: boolean;
}

export function progress(checklist: FormChecklist, answers: Answers): Progress {
  const sections = sectionsOf(checklist).map((section) => {
    let answered = 0;
    let failed = 0;
    let problems = 0;
    for (const entry of section.entries) {
      const answer = answers[entry.id];
      if (!answer?.outcome) continue;
      answered += 1;
      if (answer.outcome === 'fail') failed += 1;
      if (itemProblems(entry, answer).length > 0) problems += 1;
    }
    const total = section.entries.length;
    return { key: section.key, answered, total, failed, problems, complete: answered === total };
  });
  const sum = (pick: (c: SectionProgress) => number) => sections.reduce((n, c) => n + pick(c), 0);
  const answered = sum((c) => c.answered);
  const total = sum((c) => c.total);
  const problems = sum((c) => c.problems);
  return {
    answered,
    total,
    failed: sum((c) => c.failed),
    problems,
    ratio: total === 0 ? 0 : answered / total,
    sections,
    ready: total > 0 && answered === total && problems === 0,
  };
}

export type ItemProblem =
  | 'outcome_missing'
  | 'score_required'
  | 'note_required'
  | 'note_too_long'
  | 'score_not_number'
  | 'score_out_of_range'
  | 'too_many_photos';

/** The score as a number, undefined when none was typed, NaN when what was typed is not a number. */
export function parseScore(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The item as the API takes it (with its key part on key-part checks); `undefined` while no outcome is chosen. */
export function toItem(
  entry: Pick<FormEntry, 'standard' | 'keyPart'>,
  answer: ItemAnswer,
): SubmitInspectionInput['items'][number] | undefined {
  const { standard } = entry;
  if (!answer.outcome) return undefined;
  const note = answer.note.trim();
  const refs = evidenceRefsOf(answer);
  const score =
    standard.scoring.mode === 'graded' && answer.outcome !== 'na' ? parseScore(answer.score) : undefined;
  return {
    code: standard.code,
    ...(entry.keyPart ? { keyPart: entry.keyPart } : {}),
    outcome: answer.outcome,
    ...(score !== undefined ? { score } : {}),
    ...(note ? { note } : {}),
    ...(refs.length > 0 ? { evidenceRefs: refs } : {}),
  };
}

/** An item's evidence as the API takes it: the photos' ids, then the cited entries (`trace:<id>`). */
export function evidenceRefsOf(answer: ItemAnswer): string[] {
  return [...answer.evidence.map((file) => file.id), ...(answer.citations ?? []).map(traceRef)];
}

/** What stops this item from being sent, in the order the inspector should fix it. */
export function itemProblems(
  entry: Pick<FormEntry, 'standard' | 'keyPart'>,
  answer: ItemAnswer,
): ItemProblem[] {
  const { standard } = entry;
  const item = toItem(entry, answer);
  if (!item) return ['outcome_missing'];
  const problems: ItemProblem[] = [];
  // The pilot refuses a graded item without its score (n.a. aside), so the form asks for one.
  if (standard.scoring.mode === 'graded' && item.outcome !== 'na' && item.score === undefined) {
    problems.push('score_required');
  }
  if (item.score !== undefined) {
    const max = standard.scoring.mode === 'graded' ? standard.scoring.max : 0;
    if (Number.isNaN(item.score)) problems.push('score_not_number');
    else if (item.score < 0 || item.score > max) problems.push('score_out_of_range');
  }
  // The shared schema decides about notes and photos, so the form and the API never disagree.
  const checked = itemResultSchema.safeParse({
    ...item,
    ...(item.score !== undefined && !Number.isFinite(item.score) ? { score: undefined } : {}),
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0];
      if (field === 'note' && issue.code === 'too_big') problems.push('note_too_long');
      else if (field === 'note') problems.push('note_required');
      else if (field === 'evidenceRefs') problems.push('too_many_photos');
      else if (field === 'score' && !problems.includes('score_out_of_range'))
        problems.push('score_out_of_range');
    }
  }
  return [...new Set(problems)];
}

export interface ItemIssue {
  /** The entry's id (see `entryId`). */
  id: string;
  code: string;
  /** The section the item is in, to unfold it. */
  section: string;
  problems: ItemProblem[];
}

/** Every item that cannot be sent as it is, in checklist order. */
export function validate(checklist: FormChecklist, answers: Answers): ItemIssue[] {
  return entriesOf(checklist).flatMap((entry) => {
    const problems = itemProblems(entry, answers[entry.id] ?? emptyAnswer());
    return problems.length > 0 ? [{ id: entry.id, code: entry.code, section: entry.section, problems }] : [];
  });
}

export type Submission = Omit<SubmitInspectionInput, 'taskId'>;

/**
 * The body of `POST /tasks/:id/submit` (answered items only; the API refuses an incomplete list), with
 * the photos of the inspection as a whole (`evidence`, e.g. the entrance or the duty roster).
 */
export function toSubmission(
  checklist: FormChecklist,
  answers: Answers,
  notes: string,
  evidence: readonly Attachment[] = [],
): Submission {
  const items = entriesOf(checklist).flatMap((entry) => {
    const item = toItem(entry, answers[entry.id] ?? emptyAnswer());
    return item ? [item] : [];
  });
  const trimmed = notes.trim();
  return { items, ...(trimmed ? { notes: trimmed } : {}), evidenceRefs: evidence.map((file) => file.id) };
}

export type SubmissionCheck =
  { ok: true; submission: SubmitInspectionInput } | { ok: false; issues: ItemIssue[]; messages: string[] };

/**
 * The last check before sending, the same on the phone and on the server: every item answered and
 * acceptable, and the whole body valid under the API's schema (messages in the user's language).
 */
export function checkSubmission(
  taskId: string,
  checklist: FormChecklist,
  form: { answers: Answers; notes: string; evidence: readonly Attachment[] },
  locale: Locale,
): SubmissionCheck {
  const issues = validate(checklist, form.answers);
  const parsed = parseInput(
    submitInspectionSchema,
    { taskId, ...toSubmission(checklist, form.answers, form.notes, form.evidence) },
    locale,
  );
  if (issues.length === 0 && parsed.ok) return { ok: true, submission: parsed.data };
  return { ok: false, issues, messages: parsed.ok ? [] : parsed.issues.map((issue) => issue.message) };
}

export interface FailedItem {
  id: string;
  code: string;
  section: string;
  /** The place it failed at, on key-part checks. */
  keyPart: { code: string; name: { zh: string; en: string } } | null;
  title: { zh: string; en: string };
  critical: boolean;
  note: string;
  photos: number;
}

export interface Counts {
  pass: number;
  fail: number;
  na: number;
  unanswered: number;
  total: number;
}

/** One key part's results, for the summary of a key-part check. */
export interface PartResult extends Counts {
  code: string;
  name: { zh: string; en: string };
}

export interface Summary extends Counts {
  /** The failed items with their notes: each becomes a rectification order (整改). */
  failed: FailedItem[];
  /** Photos of the items plus those of the inspection as a whole. */
  photos: number;
  /** Per key part, on key-part checks (empty otherwise). */
  parts: PartResult[];
}

const noCounts = (): Counts => ({ pass: 0, fail: 0, na: 0, unanswered: 0, total: 0 });

function count(counts: Counts, answer: ItemAnswer): void {
  counts.total += 1;
  if (answer.outcome) counts[answer.outcome] += 1;
  else counts.unanswered += 1;
}

export function summarize(
  checklist: FormChecklist,
  answers: Answers,
  evidence: readonly Attachment[] = [],
): Summary {
  const summary: Summary = { ...noCounts(), failed: [], photos: evidence.length, parts: [] };
  for (const section of sectionsOf(checklist)) {
    const part: PartResult | null =
      section.kind === 'keyPart' ? { ...noCounts(), code: section.code, name: section.name } : null;
    for (const entry of section.entries) {
      const answer = answers[entry.id] ?? emptyAnswer();
      count(summary, answer);
      if (part) count(part, answer);
      summary.photos += answer.evidence.length;
      if (answer.outcome === 'fail') {
        summary.failed.push({
          id: entry.id,
          code: entry.code,
          section: section.key,
          keyPart: part ? { code: part.code, name: part.name } : null,
          title: entry.standard.title,
          critical: entry.standard.critical,
          note: answer.note.trim(),
          photos: answer.evidence.length,
        });
      }
    }
    if (part) summary.parts.push(part);
  }
  return summary;
}

/**
 * The answer after choosing an outcome. n.a. drops a typed score (it would not count anyway); a pass
 * of a graded item starts at full marks (`max`), which the inspector may lower, and a fail does not
 * keep that pre-filled full mark.
 */
export function withOutcome(answer: ItemAnswer, outcome: Outcome, max?: number): ItemAnswer {
  let score = answer.score;
  if (outcome === 'na') score = '';
  else if (max !== undefined && outcome === 'pass' && score.trim() === '') score = String(max);
  else if (max !== undefined && outcome === 'fail' && answer.outcome === 'pass' && score === String(max))
    score = '';
  return { ...answer, outcome, score };
}
