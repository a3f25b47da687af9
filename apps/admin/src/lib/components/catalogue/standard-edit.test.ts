import { describe, expect, it } from 'vitest';
import type { CatalogueStandard, CatalogueVersionDetail } from '$lib/api/admin-types';
import {
  editValuesOf,
  placeStandardIssues,
  readStandardEdit,
  standardChanges,
  weeklyAfter,
} from './standard-edit';

const standard: CatalogueStandard = {
  code: 'A-01',
  category: 'A',
  title: { zh: '物业服务合同与备案', en: 'Service contract on file' },
  requirement: '物业服务合同在有效期内并已向街道备案。',
  method: '查阅合同原件及备案回执。',
  weight: 3,
  kinds: ['self', 'concentrated', 'quarterly'],
  evidence: ['document'],
  critical: false,
  scoring: { mode: 'binary' },
  topics: ['archives'],
};

describe('weekly checklist membership', () => {
  const list = ['A-03', 'B-01', 'C-02'];

  it('puts a joining standard where the swapped-out one stood, or last', () => {
    expect(weeklyAfter(list, 'A-01', true, 'B-01')).toEqual(['A-03', 'A-01', 'C-02']);
    expect(weeklyAfter(list, 'A-01', true, '')).toEqual(['A-03', 'B-01', 'C-02', 'A-01']);
  });

  it('lets a leaving standard be replaced in place, or shortens the list', () => {
    expect(weeklyAfter(list, 'B-01', false, 'D-04')).toEqual(['A-03', 'D-04', 'C-02']);
    expect(weeklyAfter(list, 'B-01', false, '')).toEqual(['A-03', 'C-02']);
  });

  it('changes nothing when membership stays', () => {
    expect(weeklyAfter(list, 'B-01', true, 'C-02')).toBeNull();
    expect(weeklyAfter(list, 'A-01', false, 'C-02')).toBeNull();
  });
});

describe('the standard edit form', () => {
  it('sends the whole standard with the edited fields and the changed weekly list', () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({
      code: 'A-01',
      titleZh: '物业服务合同',
      titleEn: 'Service contract',
      requirement: '合同在有效期内。',
      method: '查阅合同。',
      weight: '5',
      critical: 'on',
      weekly: 'on',
      swap: 'A-03',
    }))
      form.set(key, value);
    const values = readStandardEdit(form);
    const weeklyStandard: CatalogueStandard = {
      ...standard,
      code: 'A-03',
      kinds: ['concentrated', 'weekly'],
    };
    const detail = {
      standards: [standard, weeklyStandard],
      weeklyChecklist: [{ position: 1, code: 'A-03', category: 'A', title: { zh: '', en: '' } }],
    } as unknown as CatalogueVersionDetail;
    expect(standardChanges(detail, values)).toEqual({
      standards: [
        {
          ...standard,
          title: { zh: '物业服务合同', en: 'Service contract' },
          requirement: '合同在有效期内。',
          method: '查阅合同。',
          weight: 5,
          critical: true,
          // On the weekly checklist means checked weekly: the kind moves with the membership.
          kinds: ['self', 'concentrated', 'weekly', 'quarterly'],
        },
        { ...weeklyStandard, kinds: ['concentrated'] },
      ],
      weeklyChecklist: ['A-01'],
    });
    // Membership unchanged: only the standard itself, kinds as they were.
    expect(standardChanges(detail, { ...values, weekly: false, swap: '' })?.standards).toEqual([
      expect.objectContaining({ code: 'A-01', kinds: ['self', 'concentrated', 'quarterly'] }),
    ]);
    expect(standardChanges(detail, { ...values, code: 'Z-99' })).toBeNull();
    expect(editValuesOf(standard, ['A-01'])).toMatchObject({
      code: 'A-01',
      weight: '3',
      weekly: true,
      swap: '',
    });
  });

  it('places the API messages of the change and of the whole draft on the form fields', () => {
    const placed = placeStandardIssues([
      { path: 'changes.standards.0.weight', message: '「分值」不能大于 100' },
      { path: 'standards.37.title.en', message: '缺少英文名称' },
      { path: 'weeklyChecklist', message: '周检查表应有 35 项，实际 36 项。' },
      { path: 'categories', message: '应有 8 个类别' },
    ]);
    expect(placed.fields).toEqual({
      weight: '「分值」不能大于 100',
      titleEn: '缺少英文名称',
      weekly: '周检查表应有 35 项，实际 36 项。',
    });
    expect(placed.general).toEqual(['应有 8 个类别']);
  });
});
