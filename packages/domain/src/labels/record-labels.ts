import type { LocalizedText } from '../catalogue/types.js';
import type { RectificationStatus } from '../contract/pilot-state.js';

/**
 * The rectification ledger's status words (台账) as people read them. Keyed by the full status
 * list, so a new status cannot reach a chart or a CSV without its words.
 */
export const RECTIFICATION_STATUS_LABELS: Readonly<Record<RectificationStatus, LocalizedText>> = {
  open: { zh: '待整改', en: 'Open' },
  controlled: { zh: '已管控', en: 'Controlled' },
  responded: { zh: '已答复待核验', en: 'Awaiting verification' },
  reopened: { zh: '退回重新整改', en: 'Reopened' },
  closed: { zh: '已销号', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
