import { describe, expect, it } from 'vitest';
import type { Compound } from '$lib/api/pilot-types';
import {
  assignmentsOf,
  emptyInspectors,
  enrollBody,
  placeEnrollIssues,
  readEnrollForm,
  unassignedMessage,
} from './enroll-form';

const binhe = {
  id: 'cmp-binhexiaoqu',
  name: '滨河小区',
  community: { id: 'com-donghu', name: '东湖社区' },
  firm: { id: 'firm-jinrun', name: '锦润物业' },
} as Compound;

function formData(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.set(key, value);
  return form;
}

describe('the enrollment form', () => {
  it('groups the inspector chosen per kind into one assignment per inspector', () => {
    const values = readEnrollForm(
      formData({
        compoundId: 'cmp-binhexiaoqu',
        startDate: '2026-11-29',
        catalogueVersion: '2024.1',
        'inspector-concentrated': 'usr-insp-zhang',
        'inspector-weekly': 'usr-insp-zhang',
        'inspector-monthly': 'usr-insp-li',
        'inspector-quarterly': 'usr-insp-li',
        'inspector-consolidation': 'usr-insp-zhang',
      }),
    );
    expect(assignmentsOf(values.inspectors)).toEqual([
      { inspectorId: 'usr-insp-zhang', kinds: ['concentrated', 'weekly', 'consolidation'] },
      { inspectorId: 'usr-insp-li', kinds: ['monthly', 'quarterly'] },
    ]);
    expect(enrollBody(values, [binhe])).toEqual({
      firm: { id: 'firm-jinrun', name: '锦润物业' },
      compound: { id: 'cmp-binhexiaoqu', name: '滨河小区', community: '东湖社区' },
      startDate: '2026-11-29',
      catalogueVersion: '2024.1',
      inspectorAssignments: [
        { inspectorId: 'usr-insp-zhang', kinds: ['concentrated', 'weekly', 'consolidation'] },
        { inspectorId: 'usr-insp-li', kinds: ['monthly', 'quarterly'] },
      ],
    });
  });

  it('leaves kinds nobody was chosen for out (the API names them) and refuses a compound it did not offer', () => {
    const inspectors = { ...emptyInspectors(), weekly: 'usr-insp-sun' };
    expect(assignmentsOf(inspectors)).toEqual([{ inspectorId: 'usr-insp-sun', kinds: ['weekly'] }]);
    const values = readEnrollForm(formData({ compoundId: 'cmp-elsewhere' }));
    expect(enrollBody(values, [binhe])).toBeNull();
  });

  it('puts each API message next to the field the coordinator has to change', () => {
    const assignments = [
      { inspectorId: 'usr-firm', kinds: ['concentrated', 'weekly'] as const },
      { inspectorId: 'usr-insp-li', kinds: ['monthly'] as const },
    ].map((row) => ({ ...row, kinds: [...row.kinds] }));
    const placed = placeEnrollIssues(
      [
        { path: 'startDate', message: '开始日期不能早于今天' },
        { path: 'compound', message: '滨河小区由锦润物业服务' },
        { path: 'inspectorAssignments.0.inspectorId', message: '祥顺物业不是检查员' },
        { path: 'inspectorAssignments', message: '以下检查类型尚未分配检查员：quarterly' },
        { path: 'planOptions.timeScale', message: '无效' },
      ],
      assignments,
    );
    expect(placed.fields).toEqual({
      startDate: '开始日期不能早于今天',
      compoundId: '滨河小区由锦润物业服务',
      'inspector-concentrated': '祥顺物业不是检查员',
      'inspector-weekly': '祥顺物业不是检查员',
      inspectors: '以下检查类型尚未分配检查员：quarterly',
    });
    expect(placed.general).toEqual(['无效']);
  });

  it('names the kinds nobody was chosen for in words, not by code', () => {
    const summary = unassignedMessage(['weekly', 'quarterly'], 'zh-CN');
    expect(summary).toBe('以下检查尚未指定检查员：周检查、季度专项检查');
    expect(unassignedMessage(['consolidation'], 'en')).toContain('Key-part consolidation check');
    const placed = placeEnrollIssues(
      [{ path: 'inspectorAssignments', message: '以下检查类型尚未分配检查员：weekly、quarterly。' }],
      [],
      { kinds: ['weekly', 'quarterly'], message: '请选择检查员', summary },
    );
    expect(placed.fields).toEqual({
      inspectors: '以下检查尚未指定检查员：周检查、季度专项检查',
      'inspector-weekly': '请选择检查员',
      'inspector-quarterly': '请选择检查员',
    });
  });
});
