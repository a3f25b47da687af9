import { describe, expect, it } from 'vitest';
import { checklistOf, keyPartChecklistOf } from '../../../../tests/support/checklist-fixture';
import {
  checkSubmission,
  completeAnswers,
  emptyAnswer,
  entriesOf,
  sectionsOf,
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
/** A whole-compound question of the weekly checklist. */
const entry = (code: string) => ({ standard: standard(code), keyPart: null });
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
    expect(p.sections.find((c) => c.key === 'category:A')).toEqual({
      key: 'category:A',
      answered: 2,
      total: 5,
      failed: 1,
      problems: 0,
      complete: false,
    });
    expect(p.sections.find((c) => c.key === 'category:C')).toMatchObject({ answered: 1, total: 8 });
  });

  it('is ready only when every item is answered and none has a problem', () => {
    expect(progress(weekly, answered()).ready).toBe(true);
    const missingNote = answered({ 'E-01': failed('') });
    const p = progress(weekly, missingNote);
    expect(p).toMatchObject({ answered: 35, problems: 1, ready: false });
    expect(p.sections.find((c) => c.key === 'category:E')).toMatchObject({ complete: true, problems: 1 });
  });
});

describe('item rules (the API schema plus the catalogue maximum)', () => {
  it('asks for an outcome first', () => {
    expect(itemProblems(entry('A-04'), emptyAnswer())).toEqual(['outcome_missing']);
  });

  it('needs a note on a failed item, whitespace not counting', () => {
    expect(itemProblems(entry('A-04'), failed(''))).toEqual(['note_required']);
    expect(itemProblems(entry('A-04'), failed('   '))).toEqual(['note_required']);
    expect(itemProblems(entry('A-04'), failed('消防通道堆放杂物'))).toEqual([]);
    // A passed item may carry a note but needs none.
    expect(itemProblems(entry('A-04'), withOutcome(emptyAnswer(), 'pass'))).toEqual([]);
  });

  it('keeps notes within 500 characters', () => {
    expect(itemProblems(entry('A-04'), failed('问'.repeat(501)))).toEqual(['note_too_long']);
  });

  it('checks a graded score against the standard’s own maximum', () => {
    const graded = entry('A-03'); // graded, max 5
    expect(graded.standard.scoring).toEqual({ mode: 'graded', max: 5 });
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
      { id: 'A-05', code: 'A-05', section: 'category:A', problems: ['score_out_of_range'] },
      { id: 'C-04', code: 'C-04', section: 'category:C', problems: ['outcome_missing'] },
      { id: 'H-02', code: 'H-02', section: 'category:H', problems: ['note_required'] },
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

  it('sends cited logbook entries as trace: refs after the photos, within one allowance', () => {
    const cited = { ...failed('消防控制室值班记录缺夜班', 1), citations: ['lb-1', 'lb-2'] };
    const answers = answered({ 'E-01': cited });
    const item = toSubmission(weekly, answers, '').items.find((i) => i.code === 'E-01');
    expect(item?.evidenceRefs).toEqual(['ev-0', 'trace:lb-1', 'trace:lb-2']);
    // Photos and citations share the item's 20: one more is refused like a 21st photo.
    const full = { ...cited, citations: Array.from({ length: 20 }, (_, i) => `lb-${i}`) };
    expect(itemProblems(entry('E-01'), full)).toEqual(['too_many_photos']);
  });

  it('passes the API schema when complete, and says why not otherwise', () => {
    const form = (answers: Answers, notes = '') => ({ answers, notes, evidence: [] });
    const ok = checkSubmission('task-1', weekly, form(answered({ 'E-01': failed('无值班记录') })), 'zh-CN');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.submission.taskId).toBe('task-1');

    const notes = checkSubmission('task-1', weekly, form(answered(), 'x'.repeat(2001)), 'zh-CN');
    expect(notes.ok).toBe(false);
    if (!notes.ok) {
      expect(notes.issues).toEqual([]);
      expect(notes.messages.join()).toContain('2000');
    }

    const incomplete = checkSubmission('task-1', weekly, form(completeAnswers(weekly)), 'en');
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
    expect(summary).toMatchObject({
      pass: 32,
      fail: 2,
      na: 1,
      unanswered: 0,
      total: 35,
      photos: 1,
      parts: [],
    });
    // In checklist order, with the note the firm will read and whether it is a safety item.
    expect(summary.failed).toEqual([
      {
        id: 'A-04',
        code: 'A-04',
        section: 'category:A',
        keyPart: null,
        title: standard('A-04').title,
        critical: false,
        note: '物业档案未分类',
        photos: 0,
      },
      {
        id: 'C-07',
        code: 'C-07',
        section: 'category:C',
        keyPart: null,
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

describe('a key-part check (重点部位): one section per place, answers carrying the place', () => {
  const parts = keyPartChecklistOf();
  const entries = entriesOf(parts);
  const everyPassed = (): Answers => {
    const answers = completeAnswers(parts);
    for (const item of entries) {
      const max = item.standard.scoring.mode === 'graded' ? item.standard.scoring.max : undefined;
      answers[item.id] = withOutcome(answers[item.id]!, 'pass', max);
    }
    return answers;
  };

  it('groups the standards by key part, asking a standard once per place', () => {
    const sections = sectionsOf(parts);
    expect(sections.map((section) => section.key)).toEqual([
      'part:fire_control_room',
      'part:power_room',
      'part:pump_room',
      'part:water_tank',
      'part:lift_machine_room',
      'part:roof',
      'part:refuse_room',
    ]);
    // A-04 (消防设施标识) is asked in three rooms: three answers, keyed by place and code.
    expect(entries.filter((item) => item.code === 'A-04').map((item) => item.id)).toEqual([
      'fire_control_room/A-04',
      'power_room/A-04',
      'pump_room/A-04',
    ]);
    expect(Object.keys(completeAnswers(parts))).toHaveLength(entries.length);
  });

  it('sends each answer with its key part, and one failure does not touch the same standard elsewhere', () => {
    const answers = everyPassed();
    answers['pump_room/A-04'] = failed('水泵房消防标识脱落');
    const body = toSubmission(parts, answers, '', [
      { id: 'ev-whole', name: 'gate.jpg', contentType: 'image/jpeg' },
    ]);
    expect(body.items).toHaveLength(entries.length);
    expect(body.items.filter((item) => item.code === 'A-04')).toEqual([
      { code: 'A-04', keyPart: 'fire_control_room', outcome: 'pass' },
      { code: 'A-04', keyPart: 'power_room', outcome: 'pass' },
      { code: 'A-04', keyPart: 'pump_room', outcome: 'fail', note: '水泵房消防标识脱落' },
    ]);
    // Photos of the inspection as a whole travel beside the items.
    expect(body.evidenceRefs).toEqual(['ev-whole']);
    const check = checkSubmission('task-kp', parts, { answers, notes: '', evidence: [] }, 'zh-CN');
    expect(check.ok).toBe(true);
  });

  it('points a problem at its place, and the summary counts per place', () => {
    const answers = everyPassed();
    answers['pump_room/A-04'] = failed('');
    expect(validate(parts, answers)).toEqual([
      { id: 'pump_room/A-04', code: 'A-04', section: 'part:pump_room', problems: ['note_required'] },
    ]);
    answers['pump_room/A-04'] = failed('水泵房消防标识脱落', 1);
    answers['roof/B-03'] = withOutcome(emptyAnswer(), 'na');
    const summary = summarize(parts, answers, [{ id: 'ev-whole', name: 'a.jpg', contentType: 'image/jpeg' }]);
    expect(summary.photos).toBe(2);
    expect(summary.failed.map((item) => [item.id, item.keyPart?.code])).toEqual([
      ['pump_room/A-04', 'pump_room'],
    ]);
    const pump = summary.parts.find((part) => part.code === 'pump_room');
    expect(pump).toMatchObject({ fail: 1, pass: 5, na: 0, total: 6, name: { zh: '水泵房' } });
    expect(summary.parts.find((part) => part.code === 'roof')).toMatchObject({ pass: 1, na: 1, total: 2 });
  });
});
