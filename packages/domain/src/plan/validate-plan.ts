import { SEVERITIES } from '../calendar/rectification-deadline.js';
import { parseLocalDate } from '../calendar/shanghai.js';
import { INSPECTION_KINDS } from '../catalogue/types.js';
import { validateStarBands } from '../scoring/star-rating.js';
import { problem, type Problem } from '../shared/reason.js';
import type { PilotPlan } from './pilot-plan.js';

/** The shortest round of `months` months, used to keep offsets inside any round. */
function shortestRoundDays(months: number): number {
  return months * 28;
}

/** Everything that makes a plan unusable; an empty list means schedules can be built from it. */
export function validatePlan(plan: PilotPlan): Problem[] {
  const problems: Problem[] = [];
  const wholeAtLeast = (
    path: string,
    value: number,
    min: number,
    zhName: string,
    enName: string,
  ): boolean => {
    if (Number.isSafeInteger(value) && value >= min) return true;
    problems.push(
      problem(
        path,
        'not_whole_number',
        `${zhName}必须是不小于 ${min} 的整数。`,
        `${enName} must be a whole number of at least ${min}.`,
      ),
    );
    return false;
  };
  const finiteAtLeast = (
    path: string,
    value: number,
    min: number,
    zhName: string,
    enName: string,
  ): boolean => {
    if (Number.isFinite(value) && value >= min) return true;
    problems.push(
      problem(path, 'out_of_range', `${zhName}必须不小于 ${min}。`, `${enName} must be at least ${min}.`),
    );
    return false;
  };
  const between = (
    path: string,
    value: number,
    min: number,
    max: number,
    zhName: string,
    enName: string,
  ): void => {
    if (!(Number.isFinite(value) && value >= min && value <= max)) {
      problems.push(
        problem(
          path,
          'out_of_range',
          `${zhName}应在 ${min}–${max} 之间。`,
          `${enName} must be within ${min}–${max}.`,
        ),
      );
    }
  };

  const monthsOk = wholeAtLeast('roundMonths', plan.roundMonths, 1, '轮次月数', 'Round months');
  if (monthsOk && plan.roundMonths > 12) {
    problems.push(
      problem('roundMonths', 'out_of_range', '轮次月数不能超过 12。', 'Round months must not exceed 12.'),
    );
  }
  const selfOk = wholeAtLeast(
    'selfInspectionDays',
    plan.selfInspectionDays,
    1,
    '自查天数',
    'Self-inspection days',
  );
  const offsetOk = wholeAtLeast(
    'concentratedInspectionOffsetDays',
    plan.concentratedInspectionOffsetDays,
    1,
    '集中检查间隔天数',
    'Concentrated-inspection offset',
  );
  if (selfOk && offsetOk && plan.concentratedInspectionOffsetDays < plan.selfInspectionDays) {
    problems.push(
      problem(
        'concentratedInspectionOffsetDays',
        'concentrated_before_self',
        '集中检查必须安排在自查期结束之后。',
        'The concentrated inspection must come after the self-inspection period.',
      ),
    );
  }
  if (
    monthsOk &&
    offsetOk &&
    plan.concentratedInspectionOffsetDays + 7 > shortestRoundDays(plan.roundMonths)
  ) {
    problems.push(
      problem(
        'concentratedInspectionOffsetDays',
        'concentrated_too_late',
        '集中检查太晚，轮次内已容不下一周的专项检查。',
        'The concentrated inspection is so late that no week of special inspections fits in the round.',
      ),
    );
  }
  wholeAtLeast('archivingDays', plan.archivingDays, 0, '建档天数', 'Archiving days');
  if (
    wholeAtLeast('quarterlyLeadDays', plan.quarterlyLeadDays, 0, '季度检查提前天数', 'Quarterly lead days') &&
    plan.quarterlyLeadDays > 27
  ) {
    problems.push(
      problem(
        'quarterlyLeadDays',
        'out_of_range',
        '季度检查提前天数不能超过 27。',
        'Quarterly lead days must not exceed 27.',
      ),
    );
  }
  finiteAtLeast('reminderLeadHours', plan.reminderLeadHours, 0, '提醒提前小时数', 'Reminder lead hours');
  finiteAtLeast('graceHours', plan.graceHours, 0, '逾期宽限小时数', 'Grace hours');
  between('wakeSpreadMinutes', plan.wakeSpreadMinutes, 0, 120, '唤醒错峰分钟数', 'Wake-up spread (minutes)');
  finiteAtLeast('timeScale', plan.timeScale, 1, '时间压缩倍数', 'Time scale');
  if (
    wholeAtLeast('keyAreaCount', plan.keyAreaCount, 1, '重点部位数量', 'Key-area count') &&
    plan.keyAreaCount > 8
  ) {
    problems.push(
      problem(
        'keyAreaCount',
        'out_of_range',
        '重点部位数量不能超过 8。',
        'Key-area count must not exceed 8.',
      ),
    );
  }

  for (const severity of SEVERITIES) {
    wholeAtLeast(
      `rectificationWorkingDays.${severity}`,
      plan.rectificationWorkingDays[severity],
      1,
      '整改工作日',
      'Rectification working days',
    );
  }
  const days = plan.rectificationWorkingDays;
  if (days.critical > days.major || days.major > days.minor) {
    problems.push(
      problem(
        'rectificationWorkingDays',
        'severity_order',
        '问题越严重，整改时限应越短（关键 ≤ 重大 ≤ 一般）。',
        'More severe findings need shorter deadlines (critical ≤ major ≤ minor).',
      ),
    );
  }

  const weekend = plan.calendar.weekendDays;
  if (
    weekend.some((day) => !Number.isInteger(day) || day < 0 || day > 6) ||
    new Set(weekend).size !== weekend.length ||
    weekend.length > 6
  ) {
    problems.push(
      problem(
        'calendar.weekendDays',
        'weekend_invalid',
        '休息日须为 0–6 之间不重复的星期数，且不能全周休息。',
        'Rest weekdays must be distinct values 0–6 and leave at least one working weekday.',
      ),
    );
  }
  plan.calendar.holidays.forEach((date, index) => {
    if (parseLocalDate(date) === null) {
      problems.push(
        problem(
          `calendar.holidays.${index}`,
          'date_invalid',
          `节假日 ${date} 不是有效日期。`,
          `Holiday ${date} is not a valid date.`,
        ),
      );
    }
  });
  const holidays = new Set(plan.calendar.holidays);
  plan.calendar.makeUpWorkdays.forEach((date, index) => {
    if (parseLocalDate(date) === null) {
      problems.push(
        problem(
          `calendar.makeUpWorkdays.${index}`,
          'date_invalid',
          `调休工作日 ${date} 不是有效日期。`,
          `Make-up working day ${date} is not a valid date.`,
        ),
      );
    } else if (holidays.has(date)) {
      problems.push(
        problem(
          `calendar.makeUpWorkdays.${index}`,
          'date_conflict',
          `${date} 不能既是节假日又是调休工作日。`,
          `${date} cannot be both a holiday and a make-up working day.`,
        ),
      );
    }
  });

  let anyWeight = false;
  for (const kind of INSPECTION_KINDS) {
    const shift = plan.dueDayShift[kind];
    if (shift !== 'previous' && shift !== 'next') {
      problems.push(
        problem(
          `dueDayShift.${kind}`,
          'shift_invalid',
          '顺延方向只能是提前或顺延。',
          "The shift direction must be 'previous' or 'next'.",
        ),
      );
    }
    const weight = plan.kindWeights[kind];
    if (
      finiteAtLeast(`kindWeights.${kind}`, weight, 0, '检查类型权重', 'Inspection-kind weight') &&
      weight > 0
    )
      anyWeight = true;
  }
  if (!anyWeight) {
    problems.push(
      problem(
        'kindWeights',
        'no_positive_weight',
        '至少一种检查类型的权重须大于 0。',
        'At least one inspection kind needs a positive weight.',
      ),
    );
  }

  for (const bandProblem of validateStarBands(plan.starBands)) {
    problems.push({ ...bandProblem, path: 'starBands' });
  }
  wholeAtLeast('criticalCapStars', plan.criticalCapStars, 1, '关键项封顶星级', 'Critical cap stars');

  for (const stage of ['improvement', 'consolidation'] as const) {
    const threshold = plan.thresholds[stage];
    between(`thresholds.${stage}.minScore`, threshold.minScore, 0, 100, '最低得分', 'Minimum score');
    wholeAtLeast(`thresholds.${stage}.minStars`, threshold.minStars, 1, '最低星级', 'Minimum stars');
    wholeAtLeast(
      `thresholds.${stage}.maxOpenCriticalRectifications`,
      threshold.maxOpenCriticalRectifications,
      0,
      '允许未完成关键整改数',
      'Allowed open critical rectifications',
    );
    between(
      `thresholds.${stage}.minCompletionRate`,
      threshold.minCompletionRate,
      0,
      1,
      '最低检查完成率',
      'Minimum completion rate',
    );
  }
  const demo = plan.thresholds.demonstration;
  between(
    'thresholds.demonstration.minScore',
    demo.minScore,
    0,
    100,
    '示范小区最低得分',
    'Demonstration minimum score',
  );
  wholeAtLeast(
    'thresholds.demonstration.minStars',
    demo.minStars,
    1,
    '示范小区最低星级',
    'Demonstration minimum stars',
  );
  between(
    'thresholds.demonstration.minComplianceRate',
    demo.minComplianceRate,
    0,
    1,
    '示范小区最低规范操作执行率',
    'Demonstration minimum compliance rate',
  );
  wholeAtLeast(
    'thresholds.demonstration.maxOverdueRectifications',
    demo.maxOverdueRectifications,
    0,
    '允许超期整改数',
    'Allowed overdue rectifications',
  );
  return problems;
}
