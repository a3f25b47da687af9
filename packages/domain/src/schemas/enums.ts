// The small value sets every other schema builds on. A leaf module (it imports only constants), so
// schema modules and rule modules can both import it without an import cycle.
import * as z from 'zod';
import { SEVERITIES } from '../calendar/rectification-deadline.js';
import { CATEGORY_CODES, INSPECTION_KINDS } from '../catalogue/types.js';

export const ITEM_OUTCOMES = ['pass', 'fail', 'na'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export const itemOutcomeSchema = z.enum(ITEM_OUTCOMES);
export const inspectionKindSchema = z.enum(INSPECTION_KINDS);
export const severitySchema = z.enum(SEVERITIES);
export const categoryCodeSchema = z.enum(CATEGORY_CODES);
/** A text in both UI languages, as rules and labels carry it. */
export const localizedSchema = z.object({ zh: z.string(), en: z.string() });
