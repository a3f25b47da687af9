import type { LocalizedText } from '@pilot/domain';
import type { Attachment, RectificationStatus } from '$lib/api/field-work';

/** What a rectification screen shows of the standard an item is about (from the pilot's catalogue version). */
export interface StandardInfo {
  title: LocalizedText;
  requirement: string;
}

/** The rectification page's form actions: 先行管控, 整改答复 (firm) and 核验 (inspector). */
export type RectificationAction = 'control' | 'respond' | 'verify';

/** What the rectification page's form actions answer (`form` on the page). */
export type RectificationActionData =
  | {
      kind: 'done';
      action: RectificationAction;
      status: RectificationStatus;
      decision: 'accept' | 'reject' | null;
    }
  | {
      kind: 'invalid' | 'refused' | 'failed';
      action: RectificationAction;
      /**
       * What was typed and attached, so nothing has to be done twice (`response` holds the answer's
       * text, or the control measures).
       */
      values: { response: string; evidence: Attachment[]; decision: string; reason: string };
      message: string | null;
      /** Messages by field (`response`, `measures`, `evidenceRefs`, `reason`, `decision`). */
      fields: Record<string, string>;
    };
