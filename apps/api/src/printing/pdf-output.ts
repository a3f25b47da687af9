// Running a layout twice: once without output to learn the page numbers (for the table of contents
// and "共 N 页"), then for real, streaming, so the bytes leave while later pages are still being laid out.
import type { Readable } from 'node:stream';
import { Sheet, type SheetOptions } from './pdf-sheet.js';

/** What the counting pass learnt: the page each named place starts on, and how many pages there are. */
export interface PagePlan {
  pages: Map<string, number>;
  total: number;
}

/**
 * A layout: draws the document on `sheet`, noting named places in `found` (their page numbers),
 * reading `plan` (null while counting) for numbers it prints. `pace` lets the reader catch up.
 */
export type Layout = (
  sheet: Sheet,
  context: { plan: PagePlan | null; found: Map<string, number>; pace: () => Promise<void> },
) => void | Promise<void>;

/** Unread output above this makes the layout wait, so a slow client bounds memory, not the book size. */
const HIGH_WATER_BYTES = 4 * 1024 * 1024;

/** The counting pass: everything is laid out and thrown away (photos are not read at all). */
export async function planPages(options: Omit<SheetOptions, 'footer'>, layout: Layout): Promise<PagePlan> {
  const sheet = new Sheet({ ...options, footer: () => '' });
  sheet.doc.on('data', () => undefined);
  const found = new Map<string, number>();
  try {
    await layout(sheet, { plan: null, found, pace: () => Promise.resolve() });
    return { pages: found, total: sheet.page };
  } finally {
    // Never ended: ending would embed the font subsets, the slowest step, for bytes nobody reads.
    sheet.doc.destroy();
  }
}

/**
 * The real pass as a stream of PDF bytes. A layout that fails (a photo that cannot be read, say)
 * ends the stream with its error, so nothing half-written is ever taken for a finished file.
 */
export function streamPdf(options: SheetOptions, plan: PagePlan, layout: Layout): Readable {
  const sheet = new Sheet(options);
  const { doc } = sheet;
  const pace = async (): Promise<void> => {
    while (doc.readableLength > HIGH_WATER_BYTES) {
      if (doc.destroyed) throw new Error('PDF output closed by its reader');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (doc.destroyed) throw new Error('PDF output closed by its reader');
  };
  void Promise.resolve()
    .then(() => layout(sheet, { plan, found: new Map(), pace }))
    .then(
      () => sheet.end(),
      (error: unknown) => doc.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  return doc;
}

/** Both passes, collected: for sheets of a few pages (a checklist), not for books. */
export async function renderPdf(
  options: Omit<SheetOptions, 'footer'>,
  footer: (page: number, total: number) => string,
  layout: Layout,
): Promise<Buffer> {
  const plan = await planPages(options, layout);
  const chunks: Uint8Array[] = [];
  const stream = streamPdf({ ...options, footer: (page) => footer(page, plan.total) }, plan, layout);
  for await (const chunk of stream as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
