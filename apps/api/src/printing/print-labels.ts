// The words printed paper uses for stored states. Paper for the subdistrict's files is in Chinese.
import {
  formatLocalDate,
  formatLocalDateTime,
  INSPECTION_KIND_LABELS,
  RECTIFICATION_STATUS_LABELS,
  type InspectionKind,
  type RectificationStatus,
} from '@pilot/domain';
import { SEVERITY_LABELS, STAR_LABELS, UNRATED_LABEL } from '../reporting/labels.js';

const TASK_STATUS: Readonly<Record<string, string>> = {
  scheduled: '未开始',
  open: '进行中',
  submitted: '已提交',
  missed: '未按期完成',
  cancelled: '已取消',
};

const OUTCOME: Readonly<Record<string, string>> = { pass: '合格', fail: '不合格', na: '不适用' };

const VERDICT: Readonly<Record<string, string>> = { accept: '核验通过', reject: '核验不通过，退回整改' };

const ROUND_KIND: Readonly<Record<string, string>> = {
  improvement: '全面提升轮次',
  consolidation: '总结巩固轮次（重点部位）',
};

export const taskStatusText = (status: string): string => TASK_STATUS[status] ?? status;
export const outcomeText = (outcome: string): string => OUTCOME[outcome] ?? outcome;
export const verdictText = (verdict: string): string => VERDICT[verdict] ?? verdict;
export const roundKindText = (kind: string): string => ROUND_KIND[kind] ?? kind;
export const severityText = (severity: string): string => SEVERITY_LABELS[severity]?.zh ?? severity;
export const starText = (stars: number | null | undefined): string =>
  stars ? (STAR_LABELS[stars]?.zh ?? `${stars}星`) : UNRATED_LABEL.zh;

export function kindText(kind: string): string {
  return kind in INSPECTION_KIND_LABELS ? INSPECTION_KIND_LABELS[kind as InspectionKind].zh : kind;
}

export function rectificationStatusText(status: string): string {
  return status in RECTIFICATION_STATUS_LABELS
    ? RECTIFICATION_STATUS_LABELS[status as RectificationStatus].zh
    : status;
}

/** Dates and times in Asia/Shanghai, as the records are read there; empty for none. */
export function dateText(at: string | Date | null | undefined): string {
  if (at === null || at === undefined) return '';
  return formatLocalDate(typeof at === 'string' ? Date.parse(at) : at.getTime());
}

export function dateTimeText(at: string | Date | null | undefined): string {
  if (at === null || at === undefined) return '';
  return formatLocalDateTime(typeof at === 'string' ? Date.parse(at) : at.getTime());
}

export function percentText(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio)
    ? '—'
    : `${(ratio * 100).toFixed(1)}%`;
}

export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined || !Number.isFinite(score)
    ? '—'
    : (Math.round(score * 100) / 100).toString();
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
