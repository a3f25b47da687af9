import { formatLocalDate, formatLocalDateTime, type Locale } from '@pilot/domain';
import type { Ledger } from '../exports/ledger.js';
import { localized } from '../reporting/charts.js';
import type { PatrolFinding } from './patrol.dto.js';

/** 巡查工作台账 as the county office files it: one row per finding, with how it was rectified. */
export function patrolLedgerSheet(rows: PatrolFinding[], locale: Locale): Ledger {
  const en = locale === 'en';
  const today = formatLocalDate(Date.now());
  const at = (instant: string | null) => (instant ? formatLocalDateTime(Date.parse(instant)) : '');
  const header = en
    ? [
        'Matter number',
        'Patrol date',
        'Compound',
        'Community',
        'Responsible',
        'Topic',
        'Location',
        'Problem',
        'Status',
        'Found at',
        'Due',
        'Closed at',
        'Days',
      ]
    : [
        '事项编号',
        '巡查日期',
        '小区',
        '社区',
        '责任单位',
        '问题类别',
        '问题位置',
        '问题描述',
        '办理状态',
        '发现时间',
        '整改时限',
        '销号时间',
        '用时（天）',
      ];
  return {
    sheetName: en ? 'Patrol ledger' : '巡查工作台账',
    fileBase: en ? `patrol-ledger-${today}` : `巡查工作台账-${today}`,
    asciiFileBase: `patrol-ledger-${today}`,
    header,
    rows: rows.map((row) => [
      row.number,
      row.visit?.plannedOn ?? '',
      row.compound?.name ?? '',
      row.community.name,
      row.assignee?.name ?? '',
      localized(row.topic.label, locale),
      row.location,
      row.description,
      localized(row.status.label, locale),
      at(row.createdAt),
      at(row.resolveBy),
      at(row.closedAt),
      row.ageDays,
    ]),
  };
}
