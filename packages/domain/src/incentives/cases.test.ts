// The 三微案例 rules: who may do what to a case in which state, and the inputs' field-level refusals.
import { describe, expect, it } from 'vitest';
import { parseInput } from '../schemas/parse-input.js';
import {
  MICRO_CASE_STATUSES,
  createCaseIssueSchema,
  disclosurePreviewQuerySchema,
  microCaseActions,
  publishDisclosureSchema,
  reviewCaseSchema,
  reviewedStatus,
  submitCaseSchema,
} from './cases.js';

const paths = (result: ReturnType<typeof parseInput>) => (result.ok ? [] : result.issues.map((i) => i.path));

describe('三微案例 actions', () => {
  it('lets a firm revise only its own returned case and the working group review only submitted ones', () => {
    const own = { role: 'firm', firmId: 'f1' } as const;
    for (const status of MICRO_CASE_STATUSES) {
      expect(microCaseActions(own, { status, firmId: 'f1' })).toEqual(
        status === 'returned' ? ['revise'] : [],
      );
      expect(microCaseActions(own, { status, firmId: 'f2' })).toEqual([]);
      for (const role of ['coordinator', 'admin'] as const)
        expect(microCaseActions({ role, firmId: null }, { status, firmId: 'f1' })).toEqual(
          status === 'submitted' ? ['accept', 'return', 'reject'] : [],
        );
      for (const role of ['inspector', 'resident', 'party'] as const)
        expect(microCaseActions({ role, firmId: null }, { status, firmId: 'f1' })).toEqual([]);
    }
    expect([reviewedStatus('accept'), reviewedStatus('return'), reviewedStatus('reject')]).toEqual([
      'shortlisted',
      'returned',
      'rejected',
    ]);
  });
});

describe('三微案例 inputs', () => {
  it('names each wrong field', () => {
    expect(
      paths(
        parseInput(submitCaseSchema, { type: 'x', title: '', compoundId: '', body: '短' }, 'zh-CN'),
      ).sort(),
    ).toEqual(['body', 'compoundId', 'title', 'type']);
    expect(
      paths(
        parseInput(
          submitCaseSchema,
          {
            type: 'service',
            title: '一个标题',
            compoundId: 'c',
            body: '这是一段足够长的案例正文，写清做了什么。',
            photoIds: ['a', 'a'],
          },
          'en',
        ),
      ),
    ).toEqual(['photoIds.1']);
    expect(paths(parseInput(reviewCaseSchema, { caseId: 'c', verdict: 'reject' }, 'en'))).toEqual(['note']);
    expect(parseInput(reviewCaseSchema, { caseId: 'c', verdict: 'accept' }, 'en').ok).toBe(true);
    expect(
      paths(
        parseInput(createCaseIssueSchema, { number: 0, title: '标题', caseIds: ['a', 'a'] }, 'en'),
      ).sort(),
    ).toEqual(['caseIds.1', 'number']);
    expect(
      paths(parseInput(publishDisclosureSchema, { subdistrict: '锦水街道', sections: [] }, 'en')),
    ).toEqual(['sections']);
    const query = parseInput(
      disclosurePreviewQuerySchema,
      { subdistrict: '锦水街道', sections: 'cases,matters' },
      'en',
    );
    expect(query.ok && query.data.sections).toEqual(['cases', 'matters']);
  });
});
