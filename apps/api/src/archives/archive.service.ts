import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatInstant, reason, type ListArchivesQuery } from '@pilot/domain';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import type { Viewer } from '../reporting/scope.js';
import type { ArchiveIndexEntry, ArchivePage, ArchiveSummary } from './archive.dto.js';
import { ArchiveRepository, type ArchiveRow } from './archive.repository.js';

export interface ArchiveDownload {
  fileName: string;
  asciiFileName: string;
  contentHash: string;
  bytes: Uint8Array;
}

function indexOf(value: unknown): ArchiveIndexEntry[] {
  return Array.isArray(value)
    ? value.flatMap((entry: unknown) => {
        const e = entry as Partial<ArchiveIndexEntry> | null;
        return e && typeof e.name === 'string' && typeof e.title === 'string' && typeof e.count === 'number'
          ? [{ name: e.name, title: e.title, count: e.count }]
          : [];
      })
    : [];
}

function summary(row: ArchiveRow): ArchiveSummary {
  return {
    id: row.id,
    pilotId: row.enrollmentId,
    compound: row.enrollment.compound,
    firm: row.enrollment.firm,
    round: row.round,
    contentHash: row.contentHash,
    itemCount: row.itemCount,
    index: indexOf(row.index),
    createdAt: formatInstant(row.createdAt),
  };
}

/**
 * 建档建册: each evaluated round's records, archived by the workflow as one JSON document whose
 * sha256 was recorded at the time. A download proves the file is still that document.
 */
@Injectable()
export class ArchiveService {
  private readonly logger = new Logger('Archives');

  constructor(@Inject(ArchiveRepository) private readonly archives: ArchiveRepository) {}

  async list(viewer: Viewer, query: ListArchivesQuery): Promise<ArchivePage> {
    const { rows, total } = await this.archives.list(viewer, query);
    return { items: rows.map(summary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(viewer: Viewer, id: string): Promise<ArchiveSummary> {
    const row = await this.archives.find(viewer, id);
    if (!row) throw new NotFoundError(`archive ${id}`);
    return summary(row);
  }

  async download(viewer: Viewer, id: string): Promise<ArchiveDownload> {
    const row = await this.archives.find(viewer, id);
    if (!row) throw new NotFoundError(`archive ${id}`);
    const bytes = await this.archives.read(row.storageKey);
    if (!bytes) {
      this.logger.error({ message: 'archive file missing', archiveId: id, storageKey: row.storageKey });
      throw new RefusedError([
        reason(
          'archive_file_missing',
          `档案 ${id} 的文件不存在，请联系管理员从备份恢复。`,
          `The file of archive ${id} is missing; ask an administrator to restore it from backup.`,
        ),
      ]);
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== row.contentHash) {
      // A changed archive is evidence of tampering or corruption: say so, and never serve it.
      this.logger.error({
        message: 'archive hash mismatch',
        archiveId: id,
        expected: row.contentHash,
        actual,
      });
      throw new RefusedError([
        reason(
          'archive_tampered',
          `档案 ${id} 的文件与归档时的校验值不一致，可能已被篡改或损坏，已拒绝下载。`,
          `The file of archive ${id} no longer matches the hash recorded when it was archived; it may have been altered, so it is not served.`,
        ),
      ]);
    }
    const name = `${row.enrollment.compound.name}-第${row.round.number}轮档案.json`;
    return {
      fileName: name,
      asciiFileName: `archive-${row.id}.json`.replace(/[^A-Za-z0-9._-]/g, '_'),
      contentHash: row.contentHash,
      bytes,
    };
  }
}
