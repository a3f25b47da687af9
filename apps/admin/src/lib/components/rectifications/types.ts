import type { Attachment, RectificationStatus } from '$lib/api/field-work';

/** What the rectification page's form actions answer (`form` on the page). */
export type RectificationActionData =
  | {
      kind: 'done';
      action: 'respond' | 'verify';
      status: RectificationStatus;
      decision: 'accept' | 'reject' | null;
    }
  | {
      kind: 'invalid' | 'refused' | 'failed';
      action: 'respond' | 'verify';
      /** What was typed and attached, so nothing has to be done twice. */
      values: { response: string; evidence: Attachment[]; decision: string; reason: string };
      message: string | null;
      /** Messages by field (`response`, `evidenceRefs`, `reason`, `decision`). */
      fields: Record<string, string>;
    };
