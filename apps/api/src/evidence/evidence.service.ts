import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { BlobStorage } from '@pilot/db';
import {
  formatInstant,
  parseInput,
  uploadEvidenceSchema,
  uploadMatterEvidenceSchema,
  type InputIssue,
  type Locale,
} from '@pilot/domain';
import { enrollmentScope, matterScope } from '../platform/auth/scope.js';
import { caseScope } from '../cases/case-scope.js';
import { seesVisitors, traceCompoundScope } from '../traces/trace-scope.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { InvalidInputError, NotFoundError, PayloadError } from '../platform/errors/api-errors.js';
import { STORAGE } from '../platform/tokens.js';
import { bytesMatch, cleanFileName, EXTENSION, PHOTO_TYPES, type UploadForm } from './evidence-files.js';
import type { EvidenceUpload, EvidenceView } from './evidence.dto.js';
import { EvidenceRepository, type EvidenceRow } from './evidence.repository.js';
import { say } from '../platform/validation/locale.js';

function view(row: EvidenceRow): EvidenceView {
  return {
    id: row.id,
    pilotId: row.enrollmentId,
    matterId: row.matterId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedById: row.uploadedById,
    uploadedAt: formatInstant(row.uploadedAt),
  };
}

/**
 * Who may upload without a pilot: for a matter, or for a report being written (a resident's, a
 * caller's, or a patrol's findings, which inspectors record too).
 */
const MATTER_UPLOADERS: ReadonlySet<string> = new Set([
  'resident',
  'firm',
  'party',
  'coordinator',
  'admin',
  'inspector',
]);

/** Where an upload's files belong: a pilot, a matter, or a report not sent yet (both null). */
type Owner = { enrollmentId: string | null; matterId: string | null };

/** A reference to evidence inside a submitted form, with the field path to blame when it is wrong. */
export interface EvidenceRef {
  path: string;
  id: string;
}

@Injectable()
export class EvidenceService {
  constructor(
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(STORAGE) private readonly storage: BlobStorage,
  ) {}

  /**
   * 上传佐证材料: every file of the form belongs to one pilot the uploader takes part in. Bytes go to
   * the storage under a generated key; the rows and their audit entries are written together.
   */
  async upload(principal: Principal, form: UploadForm, locale: Locale): Promise<EvidenceUpload> {
    if (form.files.length === 0) {
      throw new InvalidInputError([
        { path: 'file', message: say(locale, '请至少选择一个文件。', 'Choose at least one file.') },
      ]);
    }
    const issues: InputIssue[] = [];
    form.files.forEach((file, index) => {
      if (file.bytes.byteLength === 0) {
        issues.push({
          path: `file.${index}`,
          message: say(locale, `文件「${file.fileName}」是空的。`, `File "${file.fileName}" is empty.`),
        });
      }
    });
    if (issues.length > 0) throw new InvalidInputError(issues);
    const mismatched = form.files.find((file) => !bytesMatch(file.type, file.bytes));
    if (mismatched) {
      throw new PayloadError(
        415,
        'content_type_mismatch',
        say(
          locale,
          `文件「${mismatched.fileName}」的内容不是 ${mismatched.type}。`,
          `The content of "${mismatched.fileName}" is not ${mismatched.type}.`,
        ),
      );
    }
    const owner = await this.ownerOf(principal, form, locale);

    const month = new Date().toISOString().slice(0, 7).replace('-', '/');
    const stored: Array<Parameters<EvidenceRepository['create']>[1]> = [];
    for (const file of form.files) {
      const id = `ev-${randomUUID()}`;
      const storageKey = `evidence/${month}/${id}.${EXTENSION[file.type]}`;
      const { sha256, sizeBytes } = await this.storage.put(storageKey, file.bytes);
      stored.push({
        id,
        ...owner,
        storageKey,
        fileName: cleanFileName(file.fileName, file.type),
        contentType: file.type,
        sizeBytes,
        sha256,
        uploadedById: principal.userId,
      });
    }
    // Bytes written above but whose rows fail to commit are unreferenced files, never rows without bytes.
    const rows = await this.evidence.transaction(async (tx) => {
      const created: EvidenceRow[] = [];
      for (const data of stored) {
        const row = await this.evidence.create(tx, data);
        await this.audit.append(tx, principal, {
          action: 'evidence.upload',
          entityType: 'evidence',
          entityId: row.id,
          after: {
            enrollmentId: row.enrollmentId,
            matterId: row.matterId,
            fileName: row.fileName,
            contentType: row.contentType,
            sizeBytes: row.sizeBytes,
            sha256: row.sha256,
          },
        });
        created.push(row);
      }
      return created;
    });
    return { items: rows.map(view) };
  }

  /**
   * A pilot's files name the pilot (its participants upload them); a matter's photos name the
   * matter, or nothing while the report they go with is still being written (the matter's first
   * step takes them). Files are checked before the owner, so a bad file costs no lookup.
   */
  private async ownerOf(principal: Principal, form: UploadForm, locale: Locale): Promise<Owner> {
    if (form.fields.pilotId !== undefined || !MATTER_UPLOADERS.has(principal.role)) {
      const parsed = parseInput(uploadEvidenceSchema, form.fields, locale);
      if (!parsed.ok) throw new InvalidInputError(parsed.issues);
      const pilotId = parsed.data.pilotId;
      if (!(await this.evidence.enrollmentVisible(enrollmentScope(principal), pilotId))) {
        throw new NotFoundError(`pilot ${pilotId}`);
      }
      return { enrollmentId: pilotId, matterId: null };
    }
    const parsed = parseInput(uploadMatterEvidenceSchema, form.fields, locale);
    if (!parsed.ok) throw new InvalidInputError(parsed.issues);
    const notPhoto = form.files.find((file) => !PHOTO_TYPES.has(file.type));
    if (notPhoto) {
      throw new PayloadError(
        415,
        'unsupported_media_type',
        say(
          locale,
          `事项只接受 JPEG、PNG、WebP 照片，「${notPhoto.fileName}」不是照片。`,
          `Matters take JPEG, PNG and WebP photos only; "${notPhoto.fileName}" is not one.`,
        ),
      );
    }
    const matterId = parsed.data.matterId ?? null;
    if (matterId !== null && !(await this.evidence.matterVisible(matterScope(principal), matterId))) {
      throw new NotFoundError(`matter ${matterId}`);
    }
    return { enrollmentId: null, matterId };
  }

  /** The file, for its uploader and the people who may see its pilot or matter; everyone else gets 404. */
  async download(principal: Principal, id: string): Promise<{ evidence: EvidenceView; bytes: Uint8Array }> {
    const row = await this.evidence.find(id);
    const allowed =
      row !== null &&
      (row.uploadedById === principal.userId ||
        (row.enrollmentId !== null &&
          (await this.evidence.enrollmentVisible(enrollmentScope(principal), row.enrollmentId))) ||
        (row.matterId !== null &&
          (await this.evidence.matterVisible(matterScope(principal), row.matterId))) ||
        (row.caseId !== null && (await this.evidence.caseVisible(caseScope(principal), row.caseId))) ||
        (row.logbookEntryId !== null &&
          (await this.evidence.logbookEntryVisible(
            traceCompoundScope(principal),
            row.logbookEntryId,
            seesVisitors(principal),
          ))));
    if (!row || !allowed) throw new NotFoundError(`evidence ${id}`);
    return { evidence: view(row), bytes: await this.storage.get(row.storageKey) };
  }

  /**
   * Evidence named in a submission or an answer must be files the same person uploaded for the same
   * pilot: nobody can attach someone else's photo, or one from another compound.
   */
  async checkRefs(
    principal: Principal,
    enrollmentId: string,
    refs: EvidenceRef[],
    locale: Locale,
  ): Promise<void> {
    if (refs.length === 0) return;
    const rows = new Map(
      (await this.evidence.findMany([...new Set(refs.map((r) => r.id))])).map((r) => [r.id, r]),
    );
    const issues: InputIssue[] = [];
    for (const ref of refs) {
      const row = rows.get(ref.id);
      if (!row || row.uploadedById !== principal.userId) {
        issues.push({
          path: ref.path,
          message: say(
            locale,
            `佐证材料 ${ref.id} 不是您上传的文件。`,
            `Evidence ${ref.id} is not a file you uploaded.`,
          ),
        });
      } else if (row.enrollmentId !== enrollmentId) {
        issues.push({
          path: ref.path,
          message: say(
            locale,
            `佐证材料 ${ref.id} 属于另一个试点。`,
            `Evidence ${ref.id} belongs to another pilot.`,
          ),
        });
      }
    }
    if (issues.length > 0) throw new InvalidInputError(issues);
  }
}
