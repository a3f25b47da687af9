import type { LocalizedText } from '../catalogue/types.js';
import type { StageVerdict } from '../scoring/stage-assessment.js';
import type { Verdict } from '../shared/reason.js';

export type StageEvent =
  | { type: 'SELF_INSPECTION_SUBMITTED' }
  | { type: 'CONCENTRATED_INSPECTION_COMPLETED' }
  | { type: 'ROUND_COMPLETED' }
  | { type: 'ASSESSMENT_RECORDED'; verdict: StageVerdict }
  | { type: 'ARCHIVE_COMPLETED' }
  | { type: 'EXPERIENCE_SUMMARIZED' }
  | { type: 'DEMONSTRATION_PROMOTED'; eligibility: Verdict }
  | { type: 'PAUSED'; reason: string }
  | { type: 'RESUMED' }
  | { type: 'WITHDRAWN'; reason: string };

export type StageEventType = StageEvent['type'];

export const STAGE_EVENT_TYPES: readonly StageEventType[] = [
  'SELF_INSPECTION_SUBMITTED',
  'CONCENTRATED_INSPECTION_COMPLETED',
  'ROUND_COMPLETED',
  'ASSESSMENT_RECORDED',
  'ARCHIVE_COMPLETED',
  'EXPERIENCE_SUMMARIZED',
  'DEMONSTRATION_PROMOTED',
  'PAUSED',
  'RESUMED',
  'WITHDRAWN',
];

export const STAGE_EVENT_LABELS: Readonly<Record<StageEventType, LocalizedText>> = {
  SELF_INSPECTION_SUBMITTED: { zh: '提交自查结果', en: 'Self-inspection submitted' },
  CONCENTRATED_INSPECTION_COMPLETED: { zh: '完成集中检查', en: 'Concentrated inspection completed' },
  ROUND_COMPLETED: { zh: '轮次结束', en: 'Round completed' },
  ASSESSMENT_RECORDED: { zh: '记录评估结论', en: 'Assessment recorded' },
  ARCHIVE_COMPLETED: { zh: '完成建档建册', en: 'Archiving completed' },
  EXPERIENCE_SUMMARIZED: { zh: '完成经验梳理', en: 'Experience written up' },
  DEMONSTRATION_PROMOTED: { zh: '评定为示范小区', en: 'Promoted to demonstration compound' },
  PAUSED: { zh: '暂停试点', en: 'Pilot paused' },
  RESUMED: { zh: '恢复试点', en: 'Pilot resumed' },
  WITHDRAWN: { zh: '退出试点', en: 'Withdrawn from the pilot' },
};
