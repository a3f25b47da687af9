import * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';

/** 三层梯进式: the three progressive stages, plus leaving the pilot. */
export const STAGES = ['improvement', 'consolidation', 'rollout', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];

export const PHASES = [
  'self_inspection',
  'concentrated_inspection',
  'improvement_round',
  'evaluation',
  'archiving',
  'consolidation_round',
  'final_assessment',
  'experience_summary',
  'eligible',
  'demonstration',
  'withdrawn',
] as const;
export type Phase = (typeof PHASES)[number];

/** Which stage each phase belongs to; phases are unique across stages so the phase alone is enough. */
export const PHASE_STAGE: Readonly<Record<Phase, Stage>> = {
  self_inspection: 'improvement',
  concentrated_inspection: 'improvement',
  improvement_round: 'improvement',
  evaluation: 'improvement',
  archiving: 'consolidation',
  consolidation_round: 'consolidation',
  final_assessment: 'consolidation',
  experience_summary: 'rollout',
  eligible: 'rollout',
  demonstration: 'rollout',
  withdrawn: 'withdrawn',
};

export const STAGE_LABELS: Readonly<Record<Stage, LocalizedText>> = {
  improvement: { zh: '全面提升阶段', en: 'Comprehensive improvement' },
  consolidation: { zh: '总结巩固阶段', en: 'Summary and consolidation' },
  rollout: { zh: '全面推广阶段', en: 'Full rollout' },
  withdrawn: { zh: '已退出试点', en: 'Withdrawn' },
};

export const PHASE_LABELS: Readonly<Record<Phase, LocalizedText>> = {
  self_inspection: { zh: '企业自查自纠', en: 'Self-inspection and self-correction' },
  concentrated_inspection: { zh: '集中检查', en: 'Concentrated inspection' },
  improvement_round: {
    zh: '提升轮次（周、月、季专项检查）',
    en: 'Improvement round (weekly, monthly, quarterly checks)',
  },
  evaluation: { zh: '轮次评估', en: 'Round evaluation' },
  archiving: { zh: '制度化规范化建档建册', en: 'Institutionalising and archiving' },
  consolidation_round: { zh: '巩固轮次（重点部位检查）', en: 'Consolidation round (key-area checks)' },
  final_assessment: { zh: '总体评估', en: 'Overall assessment' },
  experience_summary: { zh: '梳理经验做法', en: 'Writing up the experience' },
  eligible: { zh: '达标', en: 'Meets the standard' },
  demonstration: { zh: '示范小区', en: 'Demonstration compound' },
  withdrawn: { zh: '已退出', en: 'Withdrawn' },
};

/** Where a pilot (one firm serving one compound) stands. Plain JSON so workflows can persist it. */
export const stageStateSchema = z.object({
  stage: z.enum(STAGES),
  phase: z.enum(PHASES),
  /** Number of the current or most recent inspection round, counted over the whole pilot from 1. */
  round: z.number().int(),
  paused: z.boolean(),
});
export type StageState = z.infer<typeof stageStateSchema>;
