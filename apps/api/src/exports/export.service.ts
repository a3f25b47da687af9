import { Inject, Injectable } from '@nestjs/common';
import {
  DAY_MS,
  INSPECTION_KIND_LABELS,
  formatLocalDate,
  PHASE_LABELS,
  STAGE_LABELS,
  reason,
  type ExportPilotsQuery,
  type ExportRectificationsQuery,
  type ExportTasksQuery,
  type Locale,
  type Phase,
  type Stage,
} from '@pilot/domain';
import { RefusedError } from '../platform/errors/api-errors.js';
import { localDateTime, localized, percent, round } from '../reporting/charts.js';
import { RECTIFICATION_STATE_LABELS, SEVERITY_LABELS, labelOf } from '../reporting/labels.js';
import type { Principal } from '../platform/auth/principal.js';
import type { Viewer } from '../reporting/scope.js';
import { ExportRepository } from './export.repository.js';
import type { Ledger } from './ledger.js';

/** More rows than this is no longer a spreadsheet anyone reads; the caller narrows the filter. */
export const MAX_EXPORT_ROWS = 20_000;

const ENROLLMENT_STATUS: Record<string, { zh: string; en: string }> = {
  active: { zh: '进行中', en: 'Active' },
  paused: { zh: '已暂停', en: 'Paused' },
  withdrawn: { zh: '已退出', en: 'Withdrawn' },
  completed: { zh: '已完成', en: 'Completed' },
};

const TASK_STATUS_LABELS: Record<string, { zh: string; en: string }> = {
  scheduled: { zh: '未开始', en: 'Upcoming' },
  open: { zh: '进行中', en: 'Open' },
  submitted: { zh: '已提交', en: 'Submitted' },
  missed: { zh: '未按期完成', en: 'Missed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
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

/**
 * 报表导出: the pilot ledger, the rectification ledger (整改台账) and the inspection task ledger
 * (检查任务), each as rows the controller sends as CSV or as .xlsx.
 */
@Injectable()
export class ExportService {
  constructor(@Inject(ExportRepository) private readonly exports: ExportRepository) {}

  async pilots(viewer: Viewer, query: ExportPilotsQuery, locale: Locale): Promise<Ledger> {
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
    return {
      sheetName: en ? 'Pilots' : '试点清单',
      fileBase: en ? `pilots-${today()}` : `试点清单-${today()}`,
      asciiFileBase: `pilots-${today()}`,
      header,
      rows: rows.map((row) => [
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
    };
  }

  async rectifications(viewer: Viewer, query: ExportRectificationsQuery, locale: Locale): Promise<Ledger> {
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
    return {
      sheetName: en ? 'Rectifications' : '整改台账',
      fileBase: en ? `rectifications-${today()}` : `整改台账-${today()}`,
      asciiFileBase: `rectifications-${today()}`,
      header,
      rows: rows.map((row) => {
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
    };
  }

  /** 检查任务台账: the tasks the task list's filters select, every one of them (no paging). */
  async tasks(viewer: Principal, query: ExportTasksQuery, locale: Locale): Promise<Ledger> {
    const now = new Date();
    const rows = await this.exports.tasks(viewer, query, now, MAX_EXPORT_ROWS);
    if (rows.length > MAX_EXPORT_ROWS) throw tooLarge();
    const en = locale === 'en';
    const header = en
      ? [
          'Task ID',
          'Pilot ID',
          'Compound',
          'Community',
          'Firm',
          'Kind',
          'Round',
          'Opens',
          'Due',
          'Status',
          'Overdue',
          'Inspector',
          'Submitted',
          'Score',
          'Compliance rate (%)',
        ]
      : [
          '任务编号',
          '试点编号',
          '小区',
          '社区',
          '物业企业',
          '检查类别',
          '轮次',
          '开始时间',
          '截止时间',
          '状态',
          '是否逾期',
          '检查人',
          '提交时间',
          '得分',
          '合格率（%）',
        ];
    const yes = en ? 'yes' : '是';
    const no = en ? 'no' : '否';
    return {
      sheetName: en ? 'Inspection tasks' : '检查任务',
      fileBase: en ? `tasks-${today()}` : `检查任务-${today()}`,
      asciiFileBase: `tasks-${today()}`,
      header,
      rows: rows.map((row) => [
        row.id,
        row.enrollmentId,
        row.enrollment.compound.name,
        row.enrollment.compound.community.name,
        row.enrollment.firm.name,
        localized(INSPECTION_KIND_LABELS[row.kind], locale),
        row.round?.number ?? null,
        localDateTime(row.opensAt),
        localDateTime(row.dueAt),
        localized(labelOf(TASK_STATUS_LABELS, row.status), locale),
        row.status === 'open' && row.dueAt < now ? yes : no,
        row.assignee?.displayName ?? null,
        localDateTime(row.submittedAt),
        round(row.result?.score, 2),
        percent(row.result?.complianceRate),
      ]),
    };
  }
}
