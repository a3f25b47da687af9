import * as z from 'zod';
import { compoundFeatureSchema } from '../compound/features.js';
import { catalogueVersionIdSchema, standardCodeSchema } from '../schemas/common.js';
import {
  CATEGORY_CODES,
  EVIDENCE_KINDS,
  INSPECTION_KINDS,
  KEY_PART_CODE_PATTERN,
  STANDARD_TOPICS,
} from './types.js';

/*
 * The catalogue's shapes, declared once: the types the rules use are inferred from the schemas the
 * API validates drafts with and the repository parses stored versions with, so the three cannot
 * drift apart. Every field added later must be optional, or content already stored stops parsing.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const localizedText = (max: number) => z.object({ zh: text(max), en: text(max) });

/** A text in both UI languages (labels, titles, names). */
export const localizedTextSchema = localizedText(200);
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const categorySchema = z.object({
  code: z.enum(CATEGORY_CODES),
  name: localizedTextSchema,
  /** What the category is about, in Chinese. */
  scope: text(500),
});
export type Category = z.infer<typeof categorySchema>;

export const scoringRuleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('binary') }),
  z.object({ mode: z.literal('graded'), max: z.number().int().min(1).max(100) }),
]);
export type ScoringRule = z.infer<typeof scoringRuleSchema>;

export const standardSchema = z.object({
  /** `A-01` .. `H-99`; the letter is the category code. */
  code: standardCodeSchema,
  category: z.enum(CATEGORY_CODES),
  title: localizedTextSchema,
  /** The requirement the firm must meet (zh). */
  requirement: text(1000),
  /** What the inspector looks at and how (zh). */
  method: text(1000),
  /** Points the standard is worth; a positive integer. */
  weight: z.number().int().min(1).max(100),
  kinds: z.array(z.enum(INSPECTION_KINDS)).min(1),
  evidence: z.array(z.enum(EVIDENCE_KINDS)).min(1),
  /** A failed critical standard is a safety matter: it caps the star rating until rectified. */
  critical: z.boolean(),
  scoring: scoringRuleSchema,
  topics: z.array(z.enum(STANDARD_TOPICS)),
  /**
   * The standard applies only to a compound that has all of these (lift standards need `lifts`).
   * Absent on versions written before the field existed: `requirementsOf` then falls back to a
   * table for the 2024.1 codes; an empty list says explicitly that every compound is checked.
   */
  requires: z.array(compoundFeatureSchema).optional(),
  /**
   * The standard checks how staff carry out their work (duty and operation logs, patrols, visitor
   * registration, maintenance and service procedures). 规范操作执行率 is the pass rate over exactly
   * these items. Absent on older versions: `isStaffOperation` falls back to the 2024.1 table.
   */
  staffOperation: z.boolean().optional(),
  /**
   * Only on critical standards that cannot be fixed within a day: what counts as the hazard being
   * controlled (已管控) until it is fixed, e.g. the lift stopped with a notice and signed off.
   */
  interimControl: localizedText(300).optional(),
});
export type Standard = z.infer<typeof standardSchema>;

/** 重点部位: a place the consolidation round checks, with the standards checked there. */
export const keyPartSchema = z.object({
  /** snake_case, e.g. `fire_control_room`, `pump_room`, `lift_machine_room`. */
  code: z.string().trim().max(40).regex(KEY_PART_CODE_PATTERN),
  name: localizedText(100),
  /** Features a compound needs to have this place; empty means every compound has it. */
  requires: z.array(compoundFeatureSchema),
  /** Codes of the standards checked at this place; one standard may be checked at several. */
  standards: z.array(standardCodeSchema),
});
export type KeyPart = z.infer<typeof keyPartSchema>;

/** A catalogue version's content, as stored and as the rules read it. */
export const catalogueVersionSchema = z.object({
  version: catalogueVersionIdSchema,
  title: text(200),
  /** Epoch ms from which the version applies. */
  effectiveFrom: z.number().int().min(0),
  categories: z.array(categorySchema),
  standards: z.array(standardSchema),
  /** Codes of the 35 items of 《物业企业评价激励机制试点周检查表》, in checklist order. */
  weeklyChecklist: z.array(standardCodeSchema),
  /**
   * 重点部位 as places, in the order an inspector walks them. Absent on versions written before the
   * field existed: `keyPartsOf` then falls back to the places of 2024.1.
   */
  keyParts: z.array(keyPartSchema).optional(),
});
export type CatalogueVersion = z.infer<typeof catalogueVersionSchema>;
