import type { Attachment } from '$lib/api/field-work';
import {
  completeAnswers,
  emptyAnswer,
  entriesOf,
  isOutcome,
  NOTE_MAX,
  NOTES_MAX,
  PHOTOS_MAX,
  type Answers,
  type FormChecklist,
  type ItemAnswer,
} from './inspection-form';

/*
 * The inspection draft kept in the phone's localStorage, one per task, so a reload, a dropped
 * connection or a closed tab in a stairwell loses nothing. Answers are keyed by key part and code
 * (`pump_room/C-09`; the code alone on whole-compound checks), so the same standard asked at two places
 * keeps two answers. Photos are kept as the evidence ids the API gave them when they were uploaded. Reading is defensive: a draft from an older version of the
 * page, another checklist or a broken write is cleaned up, never trusted.
 */

export const DRAFT_VERSION = 1;
const PREFIX = 'pilot.inspection-draft.';

export interface InspectionDraft {
  version: typeof DRAFT_VERSION;
  taskId: string;
  /** Epoch ms of the last change. */
  savedAt: number;
  answers: Answers;
  notes: string;
  /** Photos of the inspection as a whole (not of one item). */
  evidence: Attachment[];
}

/** The part of the Web Storage API the drafts use (localStorage, or a stand-in in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function draftKey(taskId: string): string {
  return `${PREFIX}${taskId}`;
}

/** True when there is anything worth keeping (an empty form leaves no draft behind). */
export function hasContent(answers: Answers, notes: string, evidence: readonly Attachment[] = []): boolean {
  return (
    notes.trim() !== '' ||
    evidence.length > 0 ||
    Object.values(answers).some(
      (answer) =>
        answer.outcome !== null ||
        answer.score !== '' ||
        answer.note !== '' ||
        answer.evidence.length > 0 ||
        answer.citations.length > 0,
    )
  );
}

/** Only the answers that say something, to keep the stored text small. */
export function serializeDraft(draft: InspectionDraft): string {
  const answers: Answers = {};
  for (const [id, answer] of Object.entries(draft.answers)) {
    if (hasContent({ [id]: answer }, '')) answers[id] = answer;
  }
  return JSON.stringify({ ...draft, answers });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

function readAttachment(value: unknown): Attachment | null {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') return null;
  return { id: value.id, name: text(value.name, 200), contentType: text(value.contentType, 100) };
}

function readAttachments(value: unknown): Attachment[] {
  return Array.isArray(value)
    ? value
        .map(readAttachment)
        .filter((file): file is Attachment => file !== null)
        .slice(0, PHOTOS_MAX)
    : [];
}

/** Cited logbook entries' ids (drafts written before citations existed have none). */
export function readCitations(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids = value.filter(
    (id): id is string => typeof id === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(id),
  );
  return [...new Set(ids)].slice(0, PHOTOS_MAX);
}

function readAnswer(value: unknown): ItemAnswer {
  if (!isRecord(value)) return emptyAnswer();
  const evidence = readAttachments(value.evidence);
  return {
    outcome: isOutcome(value.outcome) ? value.outcome : null,
    score: text(value.score, 10),
    // A little over the limit is kept so the inspector sees the message rather than a cut note.
    note: text(value.note, NOTE_MAX * 2),
    evidence,
    citations: readCitations(value.citations),
  };
}

/**
 * The draft in `stored`, fitted to the checklist (answers for entries it does not have are dropped,
 * missing ones are empty), or null when there is none, it is for another task or it is unreadable.
 */
export function parseDraft(
  stored: string | null,
  taskId: string,
  checklist: FormChecklist,
): InspectionDraft | null {
  if (!stored) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.version !== DRAFT_VERSION || value.taskId !== taskId) return null;
  const given = isRecord(value.answers) ? value.answers : {};
  const answers: Answers = {};
  for (const entry of entriesOf(checklist)) {
    if (entry.id in given) answers[entry.id] = readAnswer(given[entry.id]);
  }
  return {
    version: DRAFT_VERSION,
    taskId,
    savedAt: typeof value.savedAt === 'number' && Number.isFinite(value.savedAt) ? value.savedAt : 0,
    answers: completeAnswers(checklist, answers),
    notes: text(value.notes, NOTES_MAX * 2),
    // Drafts written before inspection-level photos existed have none.
    evidence: readAttachments(value.evidence),
  };
}

export function loadDraft(
  storage: DraftStorage,
  taskId: string,
  checklist: FormChecklist,
): InspectionDraft | null {
  try {
    const draft = parseDraft(storage.getItem(draftKey(taskId)), taskId, checklist);
    if (!draft || !hasContent(draft.answers, draft.notes, draft.evidence)) return null;
    return draft;
  } catch {
    // Storage disabled (private mode, policy): the form simply works without drafts.
    return null;
  }
}

/** Keeps the draft; false when the storage refused (full, disabled). An empty form removes it. */
export function saveDraft(storage: DraftStorage, draft: InspectionDraft): boolean {
  try {
    if (!hasContent(draft.answers, draft.notes, draft.evidence)) storage.removeItem(draftKey(draft.taskId));
    else storage.setItem(draftKey(draft.taskId), serializeDraft(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage, taskId: string): void {
  try {
    storage.removeItem(draftKey(taskId));
  } catch {
    // Nothing to do: a storage that cannot be written holds no draft either.
  }
}
