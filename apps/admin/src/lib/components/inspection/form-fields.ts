import type { Attachment } from '$lib/api/field-work';
import { readCitations } from './draft';
import {
  completeAnswers,
  emptyAnswer,
  entriesOf,
  isOutcome,
  PHOTOS_MAX,
  type Answers,
  type FormChecklist,
} from './inspection-form';

/*
 * The inspection as an HTML form: the names of its fields (per entry id, `pump_room/C-09` on
 * key-part checks), and reading them back on the server.
 * The page is a real form, so it is sent the same way with or without JavaScript; without it the
 * photos travel as file fields of the same post and the server uploads them first.
 */

export const FIELDS = {
  outcome: (id: string) => `outcome:${id}`,
  score: (id: string) => `score:${id}`,
  note: (id: string) => `note:${id}`,
  /** The photos already uploaded, as JSON (`Attachment[]`). */
  evidence: (id: string) => `evidence:${id}`,
  /** New photos from the camera (only sent as files when the page runs without JavaScript). */
  photo: (id: string) => `photo:${id}`,
  /** Logbook entries cited as evidence, their ids as JSON (`string[]`). */
  citations: (id: string) => `citations:${id}`,
  notes: 'notes',
  /** Photos of the inspection as a whole: uploaded ones as JSON, new ones as files. */
  inspectionEvidence: 'inspection-evidence',
  inspectionPhoto: 'inspection-photo',
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

/** Cited entries' ids from the JSON of a `citations:` field; anything unreadable is left out. */
export function parseCitations(json: string): string[] {
  if (!json) return [];
  try {
    return readCitations(JSON.parse(json));
  } catch {
    return [];
  }
}

/** The answers, general notes and inspection photos a posted inspection form carries, fitted to the checklist. */
export function readInspectionForm(
  form: FormData,
  checklist: FormChecklist,
): { answers: Answers; notes: string; evidence: Attachment[] } {
  const answers: Answers = {};
  for (const entry of entriesOf(checklist)) {
    const outcome = string(form, FIELDS.outcome(entry.id));
    answers[entry.id] = {
      ...emptyAnswer(),
      outcome: isOutcome(outcome) ? outcome : null,
      score: string(form, FIELDS.score(entry.id)).trim(),
      note: string(form, FIELDS.note(entry.id)),
      evidence: parseAttachments(string(form, FIELDS.evidence(entry.id))),
      citations: parseCitations(string(form, FIELDS.citations(entry.id))),
    };
  }
  return {
    answers: completeAnswers(checklist, answers),
    notes: string(form, FIELDS.notes),
    evidence: parseAttachments(string(form, FIELDS.inspectionEvidence)),
  };
}

const filesOf = (form: FormData, name: string): File[] =>
  form
    .getAll(name)
    .filter((value): value is File => typeof value === 'object' && value !== null && value.size > 0);

/** Files chosen in the `photo:` fields (non-empty ones), by entry id. */
export function photosInForm(form: FormData, checklist: FormChecklist): Map<string, File[]> {
  const photos = new Map<string, File[]>();
  for (const entry of entriesOf(checklist)) {
    const files = filesOf(form, FIELDS.photo(entry.id));
    if (files.length > 0) photos.set(entry.id, files);
  }
  return photos;
}

/** Files chosen for the inspection as a whole. */
export function inspectionPhotosInForm(form: FormData): File[] {
  return filesOf(form, FIELDS.inspectionPhoto);
}
