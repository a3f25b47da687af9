// 红榜 / 黑榜 candidates: which firms a period's results propose for which list, by the rule set's
// list rules. Pure: the caller gives this period's grades, the same firms' grades in the periods
// before (same kind) and the period's signals; it writes the proposals, an admin decides them.
import type { ListRules } from './evaluation.js';

export type FirmListKind = 'red' | 'black';

/** The rules a candidate can come from; stored on the entry (`manual` is an admin's own entry). */
export const LIST_RULE_IDS = {
  'red.consecutive_grade': { list: 'red', zh: '连续获评最高等级', en: 'Top grade periods in a row' },
  'black.grade': { list: 'black', zh: '获评最低等级', en: 'Lowest grade' },
  'black.critical_overdue': {
    list: 'black',
    zh: '重大隐患整改逾期未完成',
    en: 'Critical rectification overdue',
  },
  'black.reopened': { list: 'black', zh: '整改多次返工', en: 'Rectifications reopened repeatedly' },
  manual: { list: null, zh: '管理员登记', en: 'Entered by an admin' },
} as const;
export type ListRuleId = keyof typeof LIST_RULE_IDS;

export interface FirmPeriodResult {
  firmId: string;
  grade: string;
}

export interface FirmSignals {
  /** Critical rectifications still open after their deadline at the period's end. */
  criticalOverdue: readonly string[];
  /** Rectifications reopened (an answer rejected) within the period. */
  reopened: readonly string[];
}

export interface ListCandidate {
  firmId: string;
  list: FirmListKind;
  rule: Exclude<ListRuleId, 'manual'>;
  /** What met the rule, stored with the entry so the admin sees why it was proposed. */
  evidence: Record<string, unknown>;
}

/** Ids shown with a candidate's evidence: enough to open them, not the whole ledger. */
const EVIDENCE_IDS = 20;

export interface ListCandidatesInput {
  rules: ListRules;
  periodId: string;
  current: readonly FirmPeriodResult[];
  /**
   * Per firm, its grade in each of the periods of the same kind just before this one, newest
   * first; null where it was not evaluated (which breaks a run of grades).
   */
  earlier: ReadonlyMap<string, ReadonlyArray<{ periodId: string; grade: string | null }>>;
  signals: ReadonlyMap<string, FirmSignals>;
}

/**
 * The candidates a period proposes. A firm a black-list rule proposes is not proposed for the red
 * list in the same period: a critical hazard left overdue outweighs a good score.
 */
export function listCandidates(input: ListCandidatesInput): ListCandidate[] {
  const { rules, periodId } = input;
  const out: ListCandidate[] = [];
  for (const result of input.current) {
    const black: ListCandidate[] = [];
    if (rules.black.grades.includes(result.grade)) {
      black.push({
        firmId: result.firmId,
        list: 'black',
        rule: 'black.grade',
        evidence: { periodId, grade: result.grade },
      });
    }
    const signals = input.signals.get(result.firmId);
    if (rules.black.criticalOverdue && signals && signals.criticalOverdue.length > 0) {
      black.push({
        firmId: result.firmId,
        list: 'black',
        rule: 'black.critical_overdue',
        evidence: {
          periodId,
          count: signals.criticalOverdue.length,
          rectificationIds: signals.criticalOverdue.slice(0, EVIDENCE_IDS),
        },
      });
    }
    const threshold = rules.black.reopenedAtLeast;
    if (threshold !== null && signals && signals.reopened.length >= threshold) {
      black.push({
        firmId: result.firmId,
        list: 'black',
        rule: 'black.reopened',
        evidence: {
          periodId,
          count: signals.reopened.length,
          threshold,
          rectificationIds: signals.reopened.slice(0, EVIDENCE_IDS),
        },
      });
    }
    out.push(...black);
    if (black.length > 0 || result.grade !== rules.red.grade) continue;
    const before = (input.earlier.get(result.firmId) ?? []).slice(0, rules.red.consecutive - 1);
    const run =
      before.length === rules.red.consecutive - 1 && before.every((p) => p.grade === rules.red.grade);
    if (run) {
      out.push({
        firmId: result.firmId,
        list: 'red',
        rule: 'red.consecutive_grade',
        evidence: {
          grade: rules.red.grade,
          periods: [periodId, ...before.map((p) => p.periodId)],
        },
      });
    }
  }
  return out;
}

/** The list a firm shows: black outweighs red (a firm cannot be held up and warned about at once). */
export function listStatusOf(onRed: boolean, onBlack: boolean): 'none' | 'red' | 'black' {
  if (onBlack) return 'black';
  return onRed ? 'red' : 'none';
}
