import { fail } from '@sveltejs/kit';
import type { FormProblem } from '$lib/ui/form-problem';
import type { ApiFailure } from './api';
import { fieldErrors } from './api';

/*
 * What a form action sends back when the API said no (see FormProblem): every screen's forms use
 * the same shape, so one alert component and the Field component show any of them.
 */

/** The API's issues already placed on a form's fields (enroll, rollout, catalogue edits), and the rest. */
export interface PlacedIssues {
  fields: Record<string, string>;
  general: string[];
}

function isPlaced(value: readonly string[] | PlacedIssues): value is PlacedIssues {
  return !Array.isArray(value);
}

/** A status SvelteKit's fail() accepts; the API's own when it is an error status. */
function failStatus(status: number): number {
  return status >= 400 && status <= 599 ? status : 500;
}

/**
 * `fail()` with the API's answer turned into a FormProblem, plus whatever the form should show
 * again (`values`: what the user typed, never passwords). `fields` says where the API's 400 issues
 * go: the names of the form's fields (an issue on `reason` stands at the field `reason`), or field
 * messages placed already. Issues no field shows become the form's message, so none is lost.
 */
export function apiFailure<T extends Record<string, unknown>>(
  form: string,
  error: ApiFailure,
  values: T = {} as T,
  fields: readonly string[] | PlacedIssues = [],
) {
  let placed: Record<string, string>;
  let unplaced: string[];
  if (isPlaced(fields)) {
    placed = error.status === 400 ? fields.fields : {};
    unplaced = error.status === 400 ? fields.general : [];
  } else {
    const all = error.status === 400 ? fieldErrors(error) : {};
    placed = Object.fromEntries(Object.entries(all).filter(([name]) => fields.includes(name)));
    unplaced = error.issues
      .filter((issue) => !fields.includes(issue.path.split('.')[0] ?? ''))
      .map((issue) => issue.message);
  }
  const quiet = Object.keys(placed).length > 0 && unplaced.length === 0 && error.reasons.length === 0;
  const problem: FormProblem = {
    form,
    message: quiet ? null : unplaced.length > 0 ? unplaced.join(' ') : error.message,
    fields: placed,
    reasons: error.reasons,
    requestId: error.requestId ?? null,
  };
  return fail(failStatus(error.status), { ...values, problem });
}

/** A problem found before asking the API (a field left empty, a choice the page did not offer). */
export function formFailure<T extends Record<string, unknown>>(
  form: string,
  fields: Record<string, string>,
  values: T = {} as T,
  message: string | null = null,
) {
  const problem: FormProblem = { form, message, fields, reasons: [], requestId: null };
  return fail(400, { ...values, problem });
}

export const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

/** A fresh Idempotency-Key for a form render: a double-click or a resent form changes nothing twice. */
export function idempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}

/** The key a form carried, if it looks like one of ours; a new one otherwise. */
export function keyFrom(form: FormData): string {
  const key = text(form, 'idempotencyKey');
  return /^[A-Za-z0-9._:-]{8,100}$/.test(key) ? key : idempotencyKey();
}
