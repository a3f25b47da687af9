import {
  itemResultSchema,
  parseInput,
  submitInspectionSchema,
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
}

export type Answers = Record<string, ItemAnswer>;

/** What the form needs to know about a standard (the API's checklist entry has more). */
export interface FormStandard {
  code: string;
  title: { zh: string; en: string };
  critical: boolean;
  scoring: { mode: 'binary' } | { mode: 'graded'; max: number };
}

export interface FormCategory {
  code: string;
  name: { zh: string; en: string };
  standards: readonly FormStandard[];
}

export interface FormChecklist {
  categories: readonly FormCategory[];
}

export const NOTE_MAX = 500;
export const NOTES_MAX = 2000;
export const PHOTOS_MAX = 20;

export function emptyAnswer(): ItemAnswer {
  return { outcome: null, score: '', note: '', evidence: [] };
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/** Every standard of the checklist, in order. */
export function standardsOf(checklist: FormChecklist): FormStandard[] {
  return checklist.categories.flatMap((category) => [...category.standards]);
}

/** An answer for every standard: the ones given, empty ones for the rest (unknown codes dropped). */
export function completeAnswers(checklist: FormChecklist, given: Answers = {}): Answers {
  const answers: Answers = {};
  for (const standard of standardsOf(checklist)) {
    const answer = given[standard.code];
    answers[standard.code] = answer ? { ...answer, evidence: [...answer.evidence] } : emptyAnswer();
  }
  return answers;
}

export interface CategoryProgress {
  code: string;
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
  categories: CategoryProgress[];
  /** Every item answered and none with a problem: ready for the summary. */
  ready: boolean;
}

export function progress(checklist: FormChecklist, answers: Answers): Progress {
  const categories = checklist.categories.map((category) => {
    let answered = 0;
    let failed = 0;
    let problems = 0;
    for (const standard of category.standards) {
      const answer = answers[standard.code];
      if (!answer?.outcome) continue;
      answered += 1;
      if (answer.outcome === 'fail') failed += 1;
      if (itemProblems(standard, answer).length > 0) problems += 1;
    }
    const total = category.standards.length;
    return { code: category.code, answered, total, failed, problems, complete: answered === total };
  });
  const sum = (pick: (c: CategoryProgress) => number) => categories.reduce((n, c) => n + pick(c), 0);
  const answered = sum((c) => c.answered);
  const total = sum((c) => c.total);
  const problems = sum((c) => c.problems);
  return {
    answered,
    total,
    failed: sum((c) => c.failed),
    problems,
    ratio: total === 0 ? 0 : answered / total,
    categories,
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

/** The item as the API takes it; `undefined` while no outcome is chosen. */
export function toItem(
  standard: FormStandard,
  answer: ItemAnswer,
): SubmitInspectionInput['items'][number] | undefined {
  if (!answer.outcome) return undefined;
  const note = answer.note.trim();
  const score =
    standard.scoring.mode === 'graded' && answer.outcome !== 'na' ? parseScore(answer.score) : undefined;
  return {
    code: standard.code,
    outcome: answer.outcome,
    ...(score !== undefined ? { score } : {}),
    ...(note ? { note } : {}),
    ...(answer.evidence.length > 0 ? { evidenceRefs: answer.evidence.map((file) => file.id) } : {}),
  };
}

/** What stops this item from being sent, in the order the inspector should fix it. */
export function itemProblems(standard: FormStandard, answer: ItemAnswer): ItemProblem[] {
  const item = toItem(standard, answer);
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
  code: string;
  category: string;
  problems: ItemProblem[];
}

/** Every item that cannot be sent as it is, in checklist order. */
export function validate(checklist: FormChecklist, answers: Answers): ItemIssue[] {
  return checklist.categories.flatMap((category) =>
    category.standards.flatMap((standard) => {
      const problems = itemProblems(standard, answers[standard.code] ?? emptyAnswer());
      return problems.length > 0 ? [{ code: standard.code, category: category.code, problems }] : [];
    }),
  );
}

export type Submission = Omit<SubmitInspectionInput, 'taskId'>;

/** The body of `POST /tasks/:id/submit` (answered items only; the API refuses an incomplete list). */
export function toSubmission(checklist: FormChecklist, answers: Answers, notes: string): Submission {
  const items = standardsOf(checklist).flatMap((standard) => {
    const item = toItem(standard, answers[standard.code] ?? emptyAnswer());
    return item ? [item] : [];
  });
  const trimmed = notes.trim();
  return { items, ...(trimmed ? { notes: trimmed } : {}), evidenceRefs: [] };
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
  answers: Answers,
  notes: string,
  locale: Locale,
): SubmissionCheck {
  const issues = validate(checklist, answers);
  const parsed = parseInput(
    submitInspectionSchema,
    { taskId, ...toSubmission(checklist, answers, notes) },
    locale,
  );
  if (issues.length === 0 && parsed.ok) return { ok: true, submission: parsed.data };
  return { ok: false, issues, messages: parsed.ok ? [] : parsed.issues.map((issue) => issue.message) };
}

export interface FailedItem {
  code: string;
  category: string;
  title: { zh: string; en: string };
  critical: boolean;
  note: string;
  photos: number;
}

export interface Summary {
  pass: number;
  fail: number;
  na: number;
  unanswered: number;
  total: number;
  /** The failed items with their notes: each becomes a rectification order (整改). */
  failed: FailedItem[];
  photos: number;
}

export function summarize(checklist: FormChecklist, answers: Answers): Summary {
  const summary: Summary = { pass: 0, fail: 0, na: 0, unanswered: 0, total: 0, failed: [], photos: 0 };
  for (const category of checklist.categories) {
    for (const standard of category.standards) {
      const answer = answers[standard.code] ?? emptyAnswer();
      summary.total += 1;
      summary.photos += answer.evidence.length;
      if (!answer.outcome) {
        summary.unanswered += 1;
        continue;
      }
      summary[answer.outcome] += 1;
      if (answer.outcome === 'fail') {
        summary.failed.push({
          code: standard.code,
          category: category.code,
          title: standard.title,
          critical: standard.critical,
          note: answer.note.trim(),
          photos: answer.evidence.length,
        });
      }
    }
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
