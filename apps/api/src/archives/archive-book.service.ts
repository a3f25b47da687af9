import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BlobStorage } from '@pilot/db';
import { reason } from '@pilot/domain';
import type { Principal } from '../platform/auth/principal.js';
import { AuditService } from '../platform/audit/audit.service.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { STORAGE } from '../platform/tokens.js';
import { streamFileBook } from '../printing/file-book.js';
import {
  archiveDocumentSchema,
  paperArchiveSchema,
  type ArchiveDocument,
  type ArchivedEvidence,
  type FileBookInput,
  type RoundFigures,
} from '../printing/file-book-data.js';
import { printingFonts } from '../printing/printing-errors.js';
import { ArchiveBookRepository } from './archive-book.repository.js';
import { ArchiveRepository, type ArchiveRow } from './archive.repository.js';
import { ArchiveService } from './archive.service.js';

export interface BookDownload {
  fileName: string;
  asciiFileName: string;
  sha256: string;
  sizeBytes: number;
  stream: Readable;
}

interface StoredBook {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
}

/** sha256 of a stored file, read as a stream (a book of hundreds of photos is never read whole). */
async function hashOf(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

/** Everyone the document names, for their display names in the book. */
function peopleOf(document: ArchiveDocument): string[] {
  return [
    ...document.tasks.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])),
    ...document.results.map((r) => r.submittedById),
    ...document.rectifications.flatMap((r) => [
      ...r.responses.map((x) => x.responderId),
      ...r.verifications.map((x) => x.verifierId),
      ...r.events.flatMap((x) => (x.actorId ? [x.actorId] : [])),
    ]),
    ...document.evidence.map((e) => e.uploadedById),
  ];
}

/** A paper-era round's book has its cover and figures from the records, and no inspections. */
function paperRound(row: ArchiveRow, round: RoundFigures): ArchiveDocument {
  const iso = (at: Date | null) => (at ?? row.createdAt).toISOString();
  return {
    archive: {
      id: row.id,
      title: `${row.enrollment.compound.name} 第${row.round.number}轮档案`,
      compound: row.enrollment.compound.name,
      firm: row.enrollment.firm.name,
      round: {
        number: row.round.number,
        kind: row.round.kind,
        startsAt: iso(round.startsAt),
        endsAt: iso(round.endsAt),
        score: row.round.score,
        starRating: row.round.starRating,
      },
      createdAt: row.createdAt.toISOString(),
    },
    tasks: [],
    results: [],
    rectifications: [],
    evidence: [],
  };
}

/**
 * 档案册: the file book (PDF) of an archive. It is made on the first download, not when the
 * workflow archives the round: the archive activity stays what it is (the record of truth, written
 * in one transaction on any worker), a book of hundreds of photos does not lengthen the pilot's
 * path, and a server without the font cannot fail an archiving. The book is a function of the
 * archived JSON (hash-checked before use) and the evidence files (each hash-checked), dated by the
 * archive, so making it later gives the book it would have been. Once stored its sha256 is recorded
 * beside the archive's and every later download serves those bytes, checked against it.
 */
@Injectable()
export class ArchiveBookService {
  private readonly logger = new Logger('ArchiveBooks');
  /** Books being made in this process, by archive: a second request waits for the first. */
  private readonly making = new Map<string, Promise<StoredBook>>();
  /** One book at a time per process: each holds a few MB, and the CPU is shared with everything else. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(ArchiveRepository) private readonly archives: ArchiveRepository,
    @Inject(ArchiveService) private readonly archiveService: ArchiveService,
    @Inject(ArchiveBookRepository) private readonly books: ArchiveBookRepository,
    @Inject(STORAGE) private readonly storage: BlobStorage,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async download(viewer: Principal, id: string): Promise<BookDownload> {
    const row = await this.archives.find(viewer, id);
    if (!row) throw new NotFoundError(`archive ${id}`);
    let book: StoredBook;
    if (row.bookStorageKey && row.bookHash && row.bookBytes !== null) {
      book = { storageKey: row.bookStorageKey, sha256: row.bookHash, sizeBytes: row.bookBytes };
      await this.check(row, book);
    } else {
      book = await this.once(row, viewer);
    }
    const name = `${row.enrollment.compound.name}-第${row.round.number}轮档案册.pdf`;
    return {
      fileName: name,
      asciiFileName: `archive-book-${row.id}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_'),
      sha256: book.sha256,
      sizeBytes: book.sizeBytes,
      stream: this.storage.openStream(book.storageKey),
    };
  }

  /** A stored book is served only while it is the file whose hash was recorded. */
  private async check(row: ArchiveRow, book: StoredBook): Promise<void> {
    const present = await this.storage.exists(book.storageKey);
    const actual = present ? await hashOf(this.storage.openStream(book.storageKey)) : null;
    if (actual === book.sha256) return;
    this.logger.error({
      message: present ? 'file book hash mismatch' : 'file book missing',
      archiveId: row.id,
      expected: book.sha256,
      actual,
    });
    throw new RefusedError([
      present
        ? reason(
            'archive_book_tampered',
            `档案 ${row.id} 的档案册文件与生成时的校验值不一致，可能已被篡改或损坏，已拒绝下载。`,
            `The file book of archive ${row.id} no longer matches the hash recorded when it was made; it may have been altered, so it is not served.`,
          )
        : reason(
            'archive_book_missing',
            `档案 ${row.id} 的档案册文件不存在，请联系管理员从备份恢复。`,
            `The file book of archive ${row.id} is missing; ask an administrator to restore it from backup.`,
          ),
    ]);
  }

  private once(row: ArchiveRow, viewer: Principal): Promise<StoredBook> {
    const running = this.making.get(row.id);
    if (running) return running;
    const next = this.queue.then(() => this.make(row, viewer));
    this.queue = next.catch(() => undefined);
    const tracked = next.finally(() => this.making.delete(row.id));
    this.making.set(row.id, tracked);
    return tracked;
  }

  private async make(row: ArchiveRow, viewer: Principal): Promise<StoredBook> {
    // Another process may have made it while this request waited its turn.
    const recorded = await this.books.book(row.id);
    if (recorded?.bookStorageKey && recorded.bookHash && recorded.bookBytes !== null) {
      return {
        storageKey: recorded.bookStorageKey,
        sha256: recorded.bookHash,
        sizeBytes: recorded.bookBytes,
      };
    }
    const fonts = await printingFonts();
    // The archive's own download path: refuses (409) a JSON file that no longer matches its hash.
    const json = await this.archiveService.download(viewer, row.id);
    const raw: unknown = JSON.parse(new TextDecoder().decode(json.bytes));
    const parsed = archiveDocumentSchema.safeParse(raw);
    const paper = parsed.success ? null : paperArchiveSchema.safeParse(raw);
    if (!parsed.success && !paper?.success) {
      this.logger.error({
        message: 'archive document unreadable',
        archiveId: row.id,
        issues: parsed.error.issues.slice(0, 5),
      });
      throw new RefusedError([
        reason(
          'archive_unreadable',
          `档案 ${row.id} 的电子档案格式无法识别，不能生成档案册。`,
          `The archive document of ${row.id} is not in a format a file book can be made from.`,
        ),
      ]);
    }
    const started = Date.now();
    const archived = parsed.success ? parsed.data : null;
    const context = await this.books.context({
      roundId: row.round.id,
      enrollmentId: row.enrollmentId,
      userIds: archived ? peopleOf(archived) : [],
      catalogueVersionIds: archived?.results.map((r) => r.catalogueVersionId) ?? [],
    });
    const document = archived ?? paperRound(row, context.round);
    const input: FileBookInput = {
      archiveId: row.id,
      archiveHash: row.contentHash,
      document,
      paperNote: paper?.success ? paper.data.note : null,
      ...context,
      readEvidence: (evidence) => this.evidenceBytes(evidence),
    };
    const { stream, plan } = await streamFileBook({ fonts, input });
    const storageKey = `archives/${row.enrollmentId}/${row.round.id.replaceAll(':', '_')}-book-${randomUUID()}.pdf`;
    const stored = await this.storage.putStream(storageKey, stream as AsyncIterable<Uint8Array>);
    const book = { storageKey, ...stored };
    const won = await this.books.transaction(async (tx) => {
      const first = await this.books.record(tx, row.id, book);
      if (first) {
        await this.audit.append(tx, viewer, {
          stream: `enrollment:${row.enrollmentId}`,
          action: 'archive.book',
          entityType: 'archive',
          entityId: row.id,
          after: {
            bookStorageKey: storageKey,
            bookHash: book.sha256,
            bookBytes: book.sizeBytes,
            pages: plan.total,
          },
        });
      }
      return first;
    });
    this.logger.log({
      message: 'file book made',
      archiveId: row.id,
      pages: plan.total,
      bytes: book.sizeBytes,
      ms: Date.now() - started,
    });
    if (won) return book;
    // Another API process recorded its book first; that one is the archive's book (this file is left unused).
    const theirs = await this.books.book(row.id);
    if (!theirs?.bookStorageKey || !theirs.bookHash || theirs.bookBytes === null) return book;
    return { storageKey: theirs.bookStorageKey, sha256: theirs.bookHash, sizeBytes: theirs.bookBytes };
  }

  /** A photo goes into the book only if it is still the file that was uploaded. */
  private async evidenceBytes(evidence: ArchivedEvidence): Promise<Uint8Array | null> {
    const bytes = await this.storage.get(evidence.storageKey).catch(() => null);
    if (!bytes) return null;
    if (createHash('sha256').update(bytes).digest('hex') !== evidence.sha256) {
      this.logger.warn({ message: 'evidence hash mismatch in file book', evidenceId: evidence.id });
      return null;
    }
    return bytes;
  }
}
