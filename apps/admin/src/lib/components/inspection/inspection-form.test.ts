import { describe, expect, it } from 'vitest';
import { checklistOf } from '../../../../tests/support/checklist-fixture';
import {
  checkSubmission,
  completeAnswers,
  emptyAnswer,
  itemProblems,
  parseScore,
  progress,
  standardsOf,
  summarize,
  toSubmission,
  validate,
  withOutcome,
  type Answers,
  type FormStandard,
} from './inspection-form';

const weekly = checklistOf('weekly');
const codes = standardsOf(weekly).map((standard) => standard.code);
const standard = (code: string): FormStandard => standardsOf(weekly).find((s) => s.code === code)!;
const maxOf = (code: string) => {
  const scoring = standard(code).scoring;
  return scoring.mode === 'graded' ? scoring.max : undefined;
};

/** Every item passed, then the changes given. */
function answered(changes: Answers = {}): Answers {
  const answers = completeAnswers(weekly);
  for (const code of codes) answers[code] = withOutcome(answers[code]!, 'pass', maxOf(code));
  return { ...answers, ...changes };
}

const failed = (note: string, evidence = 0) => ({
  ...emptyAnswer(),
  outcome: 'fail' as const,
  note,
  evidence: Array.from({ length: evidence }, (_, i) => ({
    id: `ev-${i}`,
    name: `p${i}.png`,
    contentType: 'image/png',
  })),
});

describe('the weekly checklist fixture', () => {
  it('has the 35 items of 《周检查表》 in eight categories', () => {
    expect(codes).toHaveLength(35);
    expect(weekly.categories.map((c) => c.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
  });
});

describe('progress', () => {
  it('counts answered items overall and per category, x / 35', () => {
    const answers = completeAnswers(weekly);
    expect(progress(weekly, answers)).toMatchObject({ answered: 0, total: 35, ratio: 0, ready: false });

    answers['A-03'] = withOutcome(answers['A-03']!, 'pass', 5);
    answers['A-04'] = failed('档案柜未上锁');
    answers['C-02'] = withOutcome(answers['C-02']!, 'na');
    const p = progress(weekly, answers);
    expect(p).toMatchObject({ answered: 3, total: 35, failed: 1, problems: 0, ready: false });
    expect(p.categories.find((c) => c.code === 'A')).toEqual({
      code: 'A',
      answered: 2,
      total: 5,
      failed: 1,
      problems: 0,
      complete: false,
    });
    expect(p.categories.find((c) => c.code === 'C')).toMatchObject({ answered: 1, total: 8 });
  });

  it('is ready only when every item is answered and none has a problem', () => {
    expect(progress(weekly, answered()).ready).toBe(true);
    const missingNote = answered({ 'E-01': failed('') });
    const p = progress(weekly, missingNote);
    expect(p).toMatchObject({ answered: 35, problems: 1, ready: false });
    expect(p.categories.find((c) => c.code === 'E')).toMatchObject({ complete: true, problems: 1 });
  });
});

describe('item rules (the API schema plus the catalogue maximum)', () => {
  it('asks for an outcome first', () => {
    expect(itemProblems(standard('A-04'), emptyAnswer())).toEqual(['outcome_missing']);
  });

  it('needs a note on a failed item, whitespace not counting', () => {
    expect(itemProblems(standard('A-04'), failed(''))).toEqual(['note_required']);
    expect(itemProblems(standard('A-04'), failed('   '))).toEqual(['note_required']);
    expect(itemProblems(standard('A-04'), failed('消防通道堆放杂物'))).toEqual([]);
    // A passed item may carry a note but needs none.
    expect(itemProblems(standard('A-04'), withOutcome(emptyAnswer(), 'pass'))).toEqual([]);
  });

  it('keeps notes within 500 characters', () => {
    expect(itemProblems(standard('A-04'), failed('问'.repeat(501)))).toEqual(['note_too_long']);
  });

  it('checks a graded score against the standard’s own maximum', () => {
    const graded = standard('A-03'); // graded, max 5
    expect(graded.scoring).toEqual({ mode: 'graded', max: 5 });
    const scored = (score: string) => ({ ...withOutcome(emptyAnswer(), 'pass'), score });
    // The pilot refuses a graded item without a score, so the form asks for it.
    expect(itemProblems(graded, scored(''))).toEqual(['score_required']);
    expect(itemProblems(graded, { ...scored(''), outcome: 'fail', note: '未佩戴工牌' })).toEqual([
      'score_required',
    ]);
    expect(itemProblems(graded, scored('4.5'))).toEqual([]);
    expect(itemProblems(graded, scored('5'))).toEqual([]);
    expect(itemProblems(graded, scored('6'))).toEqual(['score_out_of_range']);
    expect(itemProblems(graded, scored('abc'))).toEqual(['score_not_number']);
    expect(itemProblems(graded, scored('-1'))).toEqual(['score_not_number']);
    // n.a. ignores whatever was typed, and choosing n.a. clears it.
    expect(itemProblems(graded, { ...scored('99'), outcome: 'na' })).toEqual([]);
    expect(withOutcome(scored('4'), 'na').score).toBe('');
  });

  it('starts a passed graded item at full marks, and does not keep them on a fail', () => {
    const passed = withOutcome(emptyAnswer(), 'pass', 5);
    expect(passed.score).toBe('5');
    expect(withOutcome({ ...passed, score: '3' }, 'pass', 5).score).toBe('3');
    expect(withOutcome(passed, 'fail', 5).score).toBe('');
    expect(withOutcome({ ...passed, score: '2' }, 'fail', 5).score).toBe('2');
    expect(withOutcome(emptyAnswer(), 'pass').score).toBe('');
  });

  it('reads scores as typed on a phone keyboard', () => {
    expect(parseScore('')).toBeUndefined();
    expect(parseScore(' 3 ')).toBe(3);
    expect(parseScore('3,5')).toBe(3.5);
    expect(parseScore('1e2')).toBeNaN();
  });

  it('lists the items to fix in checklist order', () => {
    const answers = answered({
      'H-02': failed(''),
      'A-05': { ...withOutcome(emptyAnswer(), 'pass'), score: '9' },
    });
    delete answers['C-04'];
    expect(validate(weekly, answers)).toEqual([
      { code: 'A-05', category: 'A', problems: ['score_out_of_range'] },
      { code: 'C-04', category: 'C', problems: ['outcome_missing'] },
      { code: 'H-02', category: 'H', problems: ['note_required'] },
    ]);
  });
});

describe('submission', () => {
  it('sends every answered item with trimmed notes, scores as numbers and photo ids', () => {
    const answers = answered({
      'E-01': failed('  消防控制室无人值班  ', 2),
      'A-03': { ...withOutcome(emptyAnswer(), 'pass'), score: '4' },
      'C-02': withOutcome(emptyAnswer(), 'na'),
    });
    const body = toSubmission(weekly, answers, '  陪同：物业经理  ');
    expect(body.items).toHaveLength(35);
    expect(body.notes).toBe('陪同：物业经理');
    expect(body.evidenceRefs).toEqual([]);
    expect(body.items.find((item) => item.code === 'E-01')).toEqual({
      code: 'E-01',
      outcome: 'fail',
      note: '消防控制室无人值班',
      evidenceRefs: ['ev-0', 'ev-1'],
    });
    expect(body.items.find((item) => item.code === 'A-03')).toEqual({
      code: 'A-03',
      outcome: 'pass',
      score: 4,
    });
    expect(body.items.find((item) => item.code === 'C-02')).toEqual({ code: 'C-02', outcome: 'na' });
    expect(toSubmission(weekly, answers, '   ').notes).toBeUndefined();
  });

  it('passes the API schema when complete, and says why not otherwise', () => {
    const ok = checkSubmission('task-1', weekly, answered({ 'E-01': failed('无值班记录') }), '', 'zh-CN');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.submission.taskId).toBe('task-1');

    const notes = checkSubmission('task-1', weekly, answered(), 'x'.repeat(2001), 'zh-CN');
    expect(notes.ok).toBe(false);
    if (!notes.ok) {
      expect(notes.issues).toEqual([]);
      expect(notes.messages.join()).toContain('2000');
    }

    const incomplete = checkSubmission('task-1', weekly, completeAnswers(weekly), '', 'en');
    expect(incomplete.ok).toBe(false);
    if (!incomplete.ok) expect(incomplete.issues).toHaveLength(35);
  });
});

describe('summary before submitting', () => {
  it('counts pass / fail / n.a. and lists the failed items that become 整改', () => {
    const answers = answered({
      'C-07': failed('电梯维保记录缺 3 月', 1),
      'A-04': failed('物业档案未分类'),
      'G-05': withOutcome(emptyAnswer(), 'na'),
    });
    const summary = summarize(weekly, answers);
    expect(summary).toMatchObject({ pass: 32, fail: 2, na: 1, unanswered: 0, total: 35, photos: 1 });
    // In checklist order, with the note the firm will read and whether it is a safety item.
    expect(summary.failed).toEqual([
      {
        code: 'A-04',
        category: 'A',
        title: standard('A-04').title,
        critical: false,
        note: '物业档案未分类',
        photos: 0,
      },
      {
        code: 'C-07',
        category: 'C',
        title: standard('C-07').title,
        critical: true,
        note: '电梯维保记录缺 3 月',
        photos: 1,
      },
    ]);
  });

  it('counts what is not answered yet', () => {
    expect(summarize(weekly, {})).toMatchObject({ unanswered: 35, pass: 0, failed: [] });
  });
});
