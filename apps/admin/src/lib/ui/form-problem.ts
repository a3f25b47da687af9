/**
 * What a form action sends back when it did not go through: field messages to stand next to their
 * fields (the API's 400), the rule's reasons for an alert (409), or one message for the form.
 */
export interface FormProblem {
  /** Which form on the page failed (pages with several forms show it only at that one). */
  form: string;
  /** A message for the whole form; null when the field messages say it all. */
  message: string | null;
  fields: Record<string, string>;
  reasons: Array<{ code: string; zh: string; en: string }>;
  requestId: string | null;
}

/** The problem of one form of the page, if that is the form that failed. */
export function problemOf(
  result: { problem?: FormProblem | undefined } | null | undefined,
  form: string,
): FormProblem | null {
  return result?.problem?.form === form ? result.problem : null;
}
