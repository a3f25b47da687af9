import { Inject, Injectable } from '@nestjs/common';
import {
  DAY_MS,
  formatLocalDate,
  PHASE_LABELS,
  STAGE_LABELS,
  reason,
  type ExportPilotsQuery,
  type ExportRectificationsQuery,
  type Locale,
  type Phase,
  type Stage,
} from '@pilot/domain';
import { RefusedError } from '../platform/errors/api-errors.js';
import { localDateTime, localized, round } from '../reporting/charts.js';
import { csvFile, type CsvFile } from '../reporting/csv.js';
import { RECTIFICATION_STATE_LABELS, SEVERITY_LABELS, labelOf } from '../reporting/labels.js';
import type { Viewer } from '../reporting/scope.js';
import { ExportRepository } from './export.repository.js';

/** More rows than this is no longer a spreadsheet anyone reads; the caller narrows the filter. */
export const MAX_EXPORT_ROWS = 20_000;

const ENROLLMENT_STATUS: Record<string, { zh: string; en: string }> = {
  active: { zh: '进行中', en: 'Active' },
  paused: { zh: '已暂停', en: 'Paused' },
  withdrawn: { zh: '已退出', en: 'Withdrawn' },
  completed: { zh: '已完成', en: 'Completed' },
};

function tooLarge(): RefusedError {
  return new RefusedError([
    reason(
      'export_too_large',
      `符合条件的记录超过单次导出上限 ${MAX_EXPORT_ROWS} 条，请增加筛选条件。`,
      `More than ${MAX_EXPORT_ROWS} records match, more than one export may hold; narrow the filter.`,
    ),
  ]);
}

/** Today's date in the subdistrict, for file names. */
const today = () => formatLocalDate(Date.now());

/** 报表导出: the pilot ledger and the rectification ledger (整改台账) as CSV for Excel. */
@Injectable()
export class ExportService {
  constructor(@Inject(ExportRepository) private readonly exports: ExportRepository) {}

  async pilots(viewer: Viewer, query: ExportPilotsQuery, locale: Locale): Promise<CsvFile> {
    const { rows, openRectifications } = await this.exports.pilots(viewer, query, MAX_EXPORT_ROWS);
    if (rows.length > MAX_EXPORT_ROWS) throw tooLarge();
    const en = locale === 'en';
    const header = en
      ? [
          'Pilot ID',
          'Compound',
          'Community',
          'Firm',
          'Stage',
          'Phase',
          'Status',
          'Round',
          'Score',
          'Stars',
          'Open rectifications',
          'Demonstration compound',
          'Start date',
        ]
      : [
          '试点编号',
          '小区',
          '社区',
          '物业企业',
          '阶段',
          '环节',
          '状态',
          '轮次',
          '得分',
          '星级',
          '未销号整改',
          '示范小区',
          '开始日期',
        ];
    return csvFile(
      en ? `pilots-${today()}.csv` : `试点清单-${today()}.csv`,
      `pilots-${today()}.csv`,
      header,
      rows.map((row) => [
        row.id,
        row.compound.name,
        row.compound.community.name,
        row.firm.name,
        localized(STAGE_LABELS[row.stage as Stage] ?? { zh: row.stage, en: row.stage }, locale),
        localized(PHASE_LABELS[row.phase as Phase] ?? { zh: row.phase, en: row.phase }, locale),
        localized(ENROLLMENT_STATUS[row.status] ?? { zh: row.status, en: row.status }, locale),
        row.currentRound,
        round(row.latestScore, 2),
        row.starRating,
        openRectifications.get(row.id) ?? 0,
        row.compound.isDemonstration ? (en ? 'yes' : '是') : en ? 'no' : '否',
        formatLocalDate(row.startDate.getTime()),
      ]),
    );
  }

  async rectifications(viewer: Viewer, query: ExportRectificationsQuery, locale: Locale): Promise<CsvFile> {
    const now = new Date();
    const rows = await this.exports.rectifications(viewer, query, now, MAX_EXPORT_ROWS);
    if (rows.length > MAX_EXPORT_ROWS) throw tooLarge();
    const en = locale === 'en';
    const header = en
      ? [
          'Item ID',
          'Pilot ID',
          'Compound',
          'Community',
          'Firm',
          'Standard',
          'Finding',
          'Severity',
          'Critical',
          'Status',
          'Opened',
          'Deadline',
          'Closed',
          'Days to close',
          'Overdue',
        ]
      : [
          '事项编号',
          '试点编号',
          '小区',
          '社区',
          '物业企业',
          '标准编号',
          '发现问题',
          '严重程度',
          '关键项',
          '状态',
          '下发时间',
          '整改期限',
          '销号时间',
          '整改用时（天）',
          '是否超期',
        ];
    const yes = en ? 'yes' : '是';
    const no = en ? 'no' : '否';
    return csvFile(
      en ? `rectifications-${today()}.csv` : `整改台账-${today()}.csv`,
      `rectifications-${today()}.csv`,
      header,
      rows.map((row) => {
        const overdue = (row.status === 'open' || row.status === 'reopened') && row.deadline < now;
        return [
          row.id,
          row.enrollmentId,
          row.enrollment.compound.name,
          row.enrollment.compound.community.name,
          row.enrollment.firm.name,
          row.standardCode,
          row.finding,
          localized(labelOf(SEVERITY_LABELS, row.severity), locale),
          row.critical ? yes : no,
          localized(labelOf(RECTIFICATION_STATE_LABELS, row.status), locale),
          localDateTime(row.openedAt),
          localDateTime(row.deadline),
          localDateTime(row.closedAt),
          row.closedAt ? round((row.closedAt.getTime() - row.openedAt.getTime()) / DAY_MS, 1) : null,
          overdue ? yes : no,
        ];
      }),
    );
  }
}
