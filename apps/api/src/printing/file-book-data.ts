// What a file book (档案册) prints: the archived JSON document of the round, read back through a
// schema (the file is whatever the disk holds), plus the names and figures the document refers to
// by id (people, standards, categories, the round's scores).
import * as z from 'zod';

const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date');
const nullableInstant = instant.nullable().optional();
const ids = z.array(z.string()).default([]);

const taskSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.string(),
  opensAt: instant,
  dueAt: instant,
  status: z.string(),
  assigneeId: z.string().nullable().optional(),
  submittedAt: nullableInstant,
  missedAt: nullableInstant,
});

const itemSchema = z.object({
  standardCode: z.string(),
  keyPart: z.string().default(''),
  outcome: z.enum(['pass', 'fail', 'na']),
  score: z.number().nullable().optional(),
  note: z.string().nullable().optional(),
  evidenceIds: ids,
});

const resultSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  submittedById: z.string(),
  catalogueVersionId: z.string(),
  score: z.number().nullable().optional(),
  complianceRate: z.number().nullable().optional(),
  notes: z.string().nullable().optional(),
  evidenceIds: ids,
  submittedAt: instant,
  items: z.array(itemSchema),
});

const rectificationSchema = z.object({
  id: z.string(),
  standardCode: z.string(),
  keyPart: z.string().nullable().optional(),
  finding: z.string(),
  severity: z.string(),
  critical: z.boolean().default(false),
  deadline: instant,
  status: z.string(),
  openedAt: instant,
  controlledAt: nullableInstant,
  closedAt: nullableInstant,
  responses: z
    .array(z.object({ text: z.string(), evidenceIds: ids, responderId: z.string(), respondedAt: instant }))
    .default([]),
  verifications: z
    .array(
      z.object({
        verdict: z.string(),
        reason: z.string().nullable().optional(),
        newDeadline: nullableInstant,
        verifierId: z.string(),
        verifiedAt: instant,
      }),
    )
    .default([]),
  events: z
    .array(
      z.object({
        fromStatus: z.string().nullable().optional(),
        toStatus: z.string(),
        at: instant,
        actorId: z.string().nullable().optional(),
        note: z.string().nullable().optional(),
        evidenceIds: ids,
      }),
    )
    .default([]),
});

const evidenceSchema = z.object({
  id: z.string(),
  storageKey: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedById: z.string(),
  uploadedAt: instant,
});

/** The archive document archiveRound writes (only the fields the book prints). */
export const archiveDocumentSchema = z.object({
  archive: z.object({
    id: z.string(),
    title: z.string(),
    compound: z.string(),
    firm: z.string(),
    round: z.object({
      number: z.number().int(),
      kind: z.string(),
      startsAt: instant,
      endsAt: instant,
      score: z.number().nullable().optional(),
      starRating: z.number().int().nullable().optional(),
    }),
    createdAt: instant,
  }),
  tasks: z.array(taskSchema),
  results: z.array(resultSchema),
  rectifications: z.array(rectificationSchema),
  evidence: z.array(evidenceSchema),
});

/**
 * The archive of a round imported from before the system (the worker's import of paper-era
 * pilots): no inspections in it, only the round's outcome and a note that the records are on paper.
 */
export const paperArchiveSchema = z.object({
  imported: z.literal(true),
  note: z.string().default('本轮为系统上线前的纸质检查记录。'),
});

export type ArchiveDocument = z.infer<typeof archiveDocumentSchema>;
export type ArchivedTask = z.infer<typeof taskSchema>;
export type ArchivedResult = z.infer<typeof resultSchema>;
export type ArchivedRectification = z.infer<typeof rectificationSchema>;
export type ArchivedEvidence = z.infer<typeof evidenceSchema>;

export interface StandardInfo {
  title: string;
  category: string;
}

/** Figures of the round from its evaluation (the document keeps only score and stars). */
export interface RoundFigures {
  categoryScores: Array<{ category: string; score: number | null; passed?: number; failed?: number }>;
  complianceRate: number | null;
  operationRate: number | null;
  passed: boolean | null;
  focusCategories: string[];
  evaluatedAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface FileBookInput {
  archiveId: string;
  /** sha256 of the JSON archive the book was made from, printed on the cover. */
  archiveHash: string;
  document: ArchiveDocument;
  /** Set for a round whose records are on paper (imported): said where the inspections would be. */
  paperNote: string | null;
  community: string | null;
  round: RoundFigures;
  /** Display names by user id. */
  people: ReadonlyMap<string, string>;
  /** Standards by code, from the catalogue versions the round's inspections used. */
  standards: ReadonlyMap<string, StandardInfo>;
  /** Category names by code. */
  categories: ReadonlyMap<string, string>;
  /** The evidence file's bytes when it is there and still matches its recorded hash; null otherwise. */
  readEvidence(evidence: ArchivedEvidence): Promise<Uint8Array | null>;
}
