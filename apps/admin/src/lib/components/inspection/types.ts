import type { Attachment, SubmitResult } from '$lib/api/field-work';
import type { Answers, ItemIssue } from './inspection-form';

/** What the inspection page's form actions answer (`form` on the page). */
export type InspectionActionData =
  | { kind: 'submitted'; result: SubmitResult }
  | {
      /** `review`: the no-JavaScript summary step; the others: the post was not accepted. */
      kind: 'review' | 'invalid' | 'refused' | 'failed';
      answers: Answers;
      notes: string;
      /** Photos of the inspection as a whole. */
      evidence: Attachment[];
      /** Form-level message (a refusal's reasons, an upload that failed, the API unreachable). */
      message: string | null;
      issues: ItemIssue[];
      messages: string[];
    };
