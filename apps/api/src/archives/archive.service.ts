import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  formatInstant,
  formatLocalDate,
  reason,
  type ExportArchivesQuery,
  type ListArchivesQuery,
  type Locale,
} from '@pilot/domain';
import type { Ledger } from '../exports/ledger.js';
import { MAX_EXPORT_ROWS } from '../exports/export.service.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { localDateTime, round } from '../reporting/charts.js';
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
    book: row.bookHash && row.bookBytes !== null ? { sha256: row.bookHash, sizeBytes: row.bookBytes } : null,
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

  /** 档案目录: every archive the filter selects, for CSV or Excel. */
  async index(viewer: Viewer, query: ExportArchivesQuery, locale: Locale): Promise<Ledger> {
    const rows = await this.archives.all(viewer, query, MAX_EXPORT_ROWS);
    if (rows.length > MAX_EXPORT_ROWS) {
      throw new RefusedError([
        reason(
          'export_too_large',
          `符合条件的档案超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请增加筛选条件。`,
          `More than ${MAX_EXPORT_ROWS} archives match, more than one export may hold; narrow the filter.`,
        ),
      ]);
    }
    const en = locale === 'en';
    const kind = (value: string) =>
      value === 'improvement'
        ? en
          ? 'Improvement'
          : '全面提升'
        : value === 'consolidation'
          ? en
            ? 'Consolidation'
            : '总结巩固'
          : value;
    const day = formatLocalDate(Date.now());
    return {
      sheetName: en ? 'Archives' : '档案目录',
      fileBase: en ? `archives-${day}` : `档案目录-${day}`,
      asciiFileBase: `archives-${day}`,
      header: en
        ? [
            'Archive ID',
            'Pilot ID',
            'Compound',
            'Firm',
            'Round',
            'Round kind',
            'Score',
            'Stars',
            'Records',
            'Archived',
            'Archive SHA-256',
            'File book SHA-256',
            'File book bytes',
          ]
        : [
            '档案编号',
            '试点编号',
            '小区',
            '物业企业',
            '轮次',
            '轮次类型',
            '得分',
            '星级',
            '记录数',
            '归档时间',
            '电子档案校验值（SHA-256）',
            '档案册校验值（SHA-256）',
            '档案册大小（字节）',
          ],
      rows: rows.map((row) => [
        row.id,
        row.enrollmentId,
        row.enrollment.compound.name,
        row.enrollment.firm.name,
        row.round.number,
        kind(row.round.kind),
        round(row.round.score, 2),
        row.round.starRating,
        row.itemCount,
        localDateTime(row.createdAt),
        row.contentHash,
        row.bookHash,
        row.bookBytes,
      ]),
    };
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
