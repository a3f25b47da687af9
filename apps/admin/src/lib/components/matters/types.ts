import type { Attachment } from '$lib/api/field-work';
import type { DuplicateCandidate, MatterActionName } from '$lib/api/matter-types';

/** The forms of the matter screens: the detail's actions, and reporting (resident) or recording one. */
export type MatterFormName = MatterActionName | 'report';

/** What a matter form action answers (`form` on the page). */
export type MatterActionData =
  | { kind: 'done'; action: MatterFormName; id: string | null; number: string | null }
  | {
      kind: 'invalid' | 'refused' | 'failed';
      action: MatterFormName;
      /** What was typed and attached, so nothing has to be done twice. */
      values: Record<string, string>;
      evidence: Attachment[];
      message: string | null;
      /** Messages by field name (the API's 400 issues, or a field left empty). */
      fields: Record<string, string>;
      /** 409 matter_possible_duplicate: the matters it may be ("the same problem?"). */
      duplicates: DuplicateCandidate[] | null;
    };

/** The returned data of `action`, when that is the form that failed. */
export function failedOf(form: MatterActionData | null | undefined, action: MatterFormName) {
  return form && form.kind !== 'done' && form.action === action ? form : null;
}
