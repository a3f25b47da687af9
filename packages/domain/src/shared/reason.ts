import * as z from 'zod';

/**
 * Every rule in this package explains itself in both UI languages instead of answering with a bare
 * boolean, so the API and the UI can show the same sentence the rule produced.
 */
export const reasonSchema = z.object({
  /** Stable machine code (snake_case); safe to switch on and to translate again later. */
  code: z.string(),
  zh: z.string(),
  en: z.string(),
});
export type Reason = z.infer<typeof reasonSchema>;

/** A reason tied to a place inside a structure, written as a dotted path (e.g. `standards.12.weight`). */
export const problemSchema = reasonSchema.extend({ path: z.string() });
export type Problem = z.infer<typeof problemSchema>;

/** Outcome of a rule check: `ok` is true exactly when `reasons` (the unmet conditions) is empty. */
export const verdictSchema = z.object({
  ok: z.boolean(),
  /** Conditions that are not met; empty when ok. */
  reasons: z.array(reasonSchema),
  /** Conditions that are met, so a passing verdict can still be explained. */
  met: z.array(reasonSchema),
});
export type Verdict = z.infer<typeof verdictSchema>;

export function reason(code: string, zh: string, en: string): Reason {
  return { code, zh, en };
}

export function problem(path: string, code: string, zh: string, en: string): Problem {
  return { path, code, zh, en };
}

export function verdictOf(reasons: Reason[], met: Reason[]): Verdict {
  return { ok: reasons.length === 0, reasons, met };
}
