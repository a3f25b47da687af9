import { MATTER_URGENCIES, type MatterLimit, type MatterRules, type MatterUrgency } from '@pilot/domain';
import type { PlacedIssues } from '$lib/server/forms';

/*
 * The 办理规则 form: one input per leaf of the rule set, named by its path in the API's body
 * (`byUrgency.urgent.accept.amount`), so the API's field issues land on the input they are about.
 */

const STEPS = ['accept', 'resolve'] as const;

export interface RuleLimit {
  path: string;
  /** The urgency and step it limits; null for the reporter's time to rate. */
  urgency: MatterUrgency | null;
  step: (typeof STEPS)[number] | null;
  of: (rules: MatterRules) => MatterLimit;
}

/** Each limit in the order the form shows them: its input path and where it sits in a rule set. */
export const RULE_LIMITS: readonly RuleLimit[] = [
  ...MATTER_URGENCIES.flatMap((u) =>
    STEPS.map((step): RuleLimit => ({
      path: `byUrgency.${u}.${step}`,
      urgency: u,
      step,
      of: (r) => r.byUrgency[u][step],
    })),
  ),
  { path: 'confirmWithin', urgency: null, step: null, of: (r) => r.confirmWithin },
];

const NUMBERS = ['remindAt', 'reopenBelow', 'satisfiedFrom', 'duplicateWithinHours'] as const;

/** Every input's name, in the order the form shows them. */
export const RULE_FIELDS: readonly string[] = [
  ...RULE_LIMITS.flatMap(({ path }) => [`${path}.amount`, `${path}.unit`]),
  ...NUMBERS,
];

/** What the inputs start with: the set in force. */
export function rulesToValues(rules: MatterRules): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { path, of } of RULE_LIMITS) {
    const { amount, unit } = of(rules);
    values[`${path}.amount`] = String(amount);
    values[`${path}.unit`] = unit;
  }
  for (const name of NUMBERS) values[name] = String(rules[name]);
  return values;
}

/** The typed value as the API reads it: a number when it is one, else the text (the API says why). */
function numberOr(text: string): number | string {
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

/** The API's body from the submitted inputs: the same nesting, numbers where numbers belong. */
export function rulesBody(values: Record<string, string>, basedOn: number): Record<string, unknown> {
  const limit = (path: string) => ({
    unit: values[`${path}.unit`] ?? '',
    amount: numberOr(values[`${path}.amount`] ?? ''),
  });
  return {
    basedOn,
    byUrgency: Object.fromEntries(
      MATTER_URGENCIES.map((u) => [
        u,
        Object.fromEntries(STEPS.map((step) => [step, limit(`byUrgency.${u}.${step}`)])),
      ]),
    ),
    confirmWithin: limit('confirmWithin'),
    ...Object.fromEntries(NUMBERS.map((name) => [name, numberOr(values[name] ?? '')])),
  };
}

/** The API's 400 issues on the inputs they name; the rest (none expected) for the form's message. */
export function placeRuleIssues(issues: ReadonlyArray<{ path: string; message: string }>): PlacedIssues {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const issue of issues) {
    // An issue on a whole limit (a unit that is not one) belongs to its amount's input.
    const name = RULE_FIELDS.includes(issue.path)
      ? issue.path
      : RULE_FIELDS.find((field) => field === `${issue.path}.amount`);
    if (name && !(name in fields)) fields[name] = issue.message;
    else if (!name) general.push(issue.message);
  }
  return { fields, general };
}
