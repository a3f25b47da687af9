import type { Attachment } from '$lib/api/field-work';
import {
  completeAnswers,
  emptyAnswer,
  isOutcome,
  PHOTOS_MAX,
  standardsOf,
  type Answers,
  type FormChecklist,
} from './inspection-form';

/*
 * The inspection as an HTML form: the names of its fields, and reading them back on the server.
 * The page is a real form, so it is sent the same way with or without JavaScript; without it the
 * photos travel as file fields of the same post and the server uploads them first.
 */

export const FIELDS = {
  outcome: (code: string) => `outcome:${code}`,
  score: (code: string) => `score:${code}`,
  note: (code: string) => `note:${code}`,
  /** The photos already uploaded, as JSON (`Attachment[]`). */
  evidence: (code: string) => `evidence:${code}`,
  /** New photos from the camera (only sent as files when the page runs without JavaScript). */
  photo: (code: string) => `photo:${code}`,
  notes: 'notes',
} as const;

const string = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** Attachments from the JSON of an `evidence:` field; anything unreadable is left out. */
export function parseAttachments(json: string): Attachment[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (entry): entry is Record<string, unknown> =>
          typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string',
      )
      .map((entry) => ({
        id: String(entry.id),
        name: typeof entry.name === 'string' ? entry.name : '',
        contentType: typeof entry.contentType === 'string' ? entry.contentType : '',
      }))
      .slice(0, PHOTOS_MAX);
  } catch {
    return [];
  }
}

/** The answers and general notes a posted inspection form carries, fitted to the checklist. */
export function readInspectionForm(
  form: FormData,
  checklist: FormChecklist,
): { answers: Answers; notes: string } {
  const answers: Answers = {};
  for (const standard of standardsOf(checklist)) {
    const outcome = string(form, FIELDS.outcome(standard.code));
    answers[standard.code] = {
      ...emptyAnswer(),
      outcome: isOutcome(outcome) ? outcome : null,
      score: string(form, FIELDS.score(standard.code)).trim(),
      note: string(form, FIELDS.note(standard.code)),
      evidence: parseAttachments(string(form, FIELDS.evidence(standard.code))),
    };
  }
  return { answers: completeAnswers(checklist, answers), notes: string(form, FIELDS.notes) };
}

/** Files chosen in the `photo:` fields (non-empty ones), by standard code. */
export function photosInForm(form: FormData, checklist: FormChecklist): Map<string, File[]> {
  const photos = new Map<string, File[]>();
  for (const standard of standardsOf(checklist)) {
    const files = form
      .getAll(FIELDS.photo(standard.code))
      .filter((value): value is File => typeof value === 'object' && value !== null && value.size > 0);
    if (files.length > 0) photos.set(standard.code, files);
  }
  return photos;
}
