import { Inject, Injectable } from '@nestjs/common';
import {
  AUDIT_BREAK_LABELS,
  auditActionLabel,
  auditCursorKeySchema,
  encodeCursor,
  auditEntityLabel,
  auditRoleLabel,
  formatInstant,
  formatLocalDate,
  reason,
  type AuditLogTextQuery,
  type ExportAuditLogQuery,
  type Locale,
  type SearchAuditLogQuery,
} from '@pilot/domain';
import type { AuditKeyring } from '@pilot/db';
import { RefusedError } from '../platform/errors/api-errors.js';
import { AUDIT_KEYRING, TEMPORAL_CLIENT } from '../platform/tokens.js';
import { auditAnchors } from '@pilot/workflows/client';
import type { Client } from '@temporalio/client';
import { keysetOrPage, keysetPage } from '../platform/pagination.js';
import { localDateTime, localized } from '../reporting/charts.js';
import { csvFile, type CsvFile } from '../reporting/csv.js';
import type { AuditChainCheck, AuditEntry, AuditPage } from './audit-log.dto.js';
import { AuditLogRepository, auditWhere, type AuditRow } from './audit-log.repository.js';

/** An export larger than this is refused: narrow the dates instead of building a file nobody opens. */
export const MAX_AUDIT_EXPORT_ROWS = 50_000;
const EXPORT_BATCH = 1_000;

function entry(row: AuditRow, names: Map<string, string>): AuditEntry {
  return {
    seq: row.seq.toString(),
    at: formatInstant(row.at),
    actor: {
      id: row.actorId,
      role: row.actorRole,
      displayName: row.actorId ? (names.get(row.actorId) ?? null) : null,
    },
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    entityType: row.entityType,
    entityLabel: auditEntityLabel(row.entityType),
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
    hash: row.hash,
  };
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** 审计日志: search, export and the integrity check of the append-only, hash-chained log. */
@Injectable()
export class AuditLogService {
  constructor(
    @Inject(AuditLogRepository) private readonly log: AuditLogRepository,
    @Inject(AUDIT_KEYRING) private readonly keyring: AuditKeyring,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async search(query: SearchAuditLogQuery, text: AuditLogTextQuery = {}): Promise<AuditPage> {
    const before = query.cursor ? BigInt(query.cursor.seq) : null;
    const found = await this.log.search(auditWhere(query, text.q), before, keysetOrPage(query));
    const { rows, nextCursor } = keysetPage(found.rows, query.pageSize, (last) =>
      encodeCursor(auditCursorKeySchema, { seq: last.seq.toString() }),
    );
    const names = await this.log.displayNames(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])));
    return {
      items: rows.map((row) => entry(row, names)),
      total: found.total,
      page: query.page,
      pageSize: query.pageSize,
      nextCursor,
    };
  }

  /** Every stream and checkpoint, held to the anchors the anchor workflow recorded outside the database. */
  async verify(): Promise<AuditChainCheck> {
    const anchors = await auditAnchors(this.temporal);
    const check = await this.log.verify(this.keyring, anchors ?? []);
    const broken = check.firstBreak;
    return {
      ok: check.ok,
      checked: check.entries,
      streams: check.streams,
      legacyEntries: check.legacyEntries,
      checkpoints: check.checkpoints,
      brokenAt: broken?.seq ?? null,
      firstBreak: broken ? { ...broken, label: AUDIT_BREAK_LABELS[broken.kind] } : null,
      lastGoodAnchor: check.lastGoodAnchor,
      anchorsChecked: anchors === null ? null : anchors.length,
      verifiedAt: formatInstant(Date.now()),
    };
  }

  async exportCsv(
    query: ExportAuditLogQuery,
    locale: Locale,
    text: AuditLogTextQuery = {},
  ): Promise<CsvFile> {
    const where = auditWhere(query, text.q);
    const total = await this.log.count(where);
    if (total > MAX_AUDIT_EXPORT_ROWS) {
      throw new RefusedError([
        reason(
          'export_too_large',
          `符合条件的审计记录有 ${total} 条，超过单次导出上限 ${MAX_AUDIT_EXPORT_ROWS} 条，请缩小日期范围。`,
          `${total} audit entries match, more than the ${MAX_AUDIT_EXPORT_ROWS} one export may hold; narrow the dates.`,
        ),
      ]);
    }
    const rows: AuditRow[] = [];
    let after: bigint | null = null;
    for (;;) {
      const batch = await this.log.batchAfter(where, after, EXPORT_BATCH);
      rows.push(...batch);
      if (batch.length < EXPORT_BATCH) break;
      after = batch[batch.length - 1]!.seq;
    }
    const names = await this.log.displayNames(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])));
    const en = locale === 'en';
    // People read the words; the codes stay beside them for filtering and for looking things up.
    const header = en
      ? [
          'Seq',
          'Time (Asia/Shanghai)',
          'Actor',
          'Actor ID',
          'Role',
          'Action',
          'Action code',
          'Entity type',
          'Entity type code',
          'Entity ID',
          'Before',
          'After',
          'Request ID',
          'Hash',
        ]
      : [
          '序号',
          '时间',
          '操作人',
          '操作人编号',
          '角色',
          '操作',
          '操作代码',
          '对象类型',
          '对象类型代码',
          '对象编号',
          '变更前',
          '变更后',
          '请求编号',
          '哈希',
        ];
    const today = formatLocalDate(Date.now());
    return csvFile(
      en ? `audit-log-${today}.csv` : `审计日志-${today}.csv`,
      `audit-log-${today}.csv`,
      header,
      rows.map((row) => [
        row.seq.toString(),
        localDateTime(row.at),
        row.actorId ? (names.get(row.actorId) ?? '') : '',
        row.actorId ?? '',
        localized(auditRoleLabel(row.actorRole), locale),
        localized(auditActionLabel(row.action), locale),
        row.action,
        localized(auditEntityLabel(row.entityType), locale),
        row.entityType,
        row.entityId,
        json(row.before),
        json(row.after),
        row.requestId ?? '',
        row.hash,
      ]),
    );
  }
}
