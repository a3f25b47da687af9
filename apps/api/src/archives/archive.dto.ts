import * as z from 'zod';

export const archiveSummarySchema = z.object({
  id: z.string(),
  pilotId: z.string(),
  compound: z.object({ id: z.string(), name: z.string() }),
  firm: z.object({ id: z.string(), name: z.string() }),
  round: z.object({
    id: z.string(),
    number: z.number().int(),
    kind: z.string(),
    score: z.number().nullable(),
    starRating: z.number().int().nullable(),
  }),
  /** sha256 of the stored document, hex; a download is refused when the file no longer matches. */
  contentHash: z.string(),
  itemCount: z.number().int(),
  /** The archive's table of contents (sections and how many records each holds). */
  index: z.array(z.object({ name: z.string(), title: z.string(), count: z.number().int() })),
  /** 档案册: the printable PDF once made (on its first download), with its sha256; null before. */
  book: z.object({ sha256: z.string(), sizeBytes: z.number().int() }).nullable(),
  createdAt: z.string(),
});

export const archivePageSchema = z.object({
  items: z.array(archiveSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export type ArchiveSummary = z.infer<typeof archiveSummarySchema>;
export type ArchivePage = z.infer<typeof archivePageSchema>;
export type ArchiveIndexEntry = ArchiveSummary['index'][number];
