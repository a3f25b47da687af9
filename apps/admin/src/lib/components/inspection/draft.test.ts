import { describe, expect, it } from 'vitest';
import { checklistOf, keyPartChecklistOf } from '../../../../tests/support/checklist-fixture';
import {
  clearDraft,
  draftKey,
  DRAFT_VERSION,
  hasContent,
  loadDraft,
  parseDraft,
  saveDraft,
  serializeDraft,
  type DraftStorage,
  type InspectionDraft,
} from './draft';
import { completeAnswers, emptyAnswer, withOutcome } from './inspection-form';

const weekly = checklistOf('weekly');

/** localStorage as a Map; `broken` makes every call throw, as a disabled storage does. */
function memoryStorage(
  broken: 'never' | 'write' | 'always' = 'never',
): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem(key) {
      if (broken === 'always') throw new Error('SecurityError');
      return map.get(key) ?? null;
    },
    setItem(key, value) {
      if (broken !== 'never') throw new Error('QuotaExceededError');
      map.set(key, value);
    },
    removeItem(key) {
      if (broken === 'always') throw new Error('SecurityError');
      map.delete(key);
    },
  };
}

function draft(changes: Partial<InspectionDraft> = {}): InspectionDraft {
  const answers = completeAnswers(weekly);
  answers['A-03'] = { ...withOutcome(emptyAnswer(), 'pass'), score: '4' };
  answers['E-01'] = {
    ...withOutcome(emptyAnswer(), 'fail'),
    note: '消防控制室无人值班',
    evidence: [{ id: 'ev-1', name: 'fire.jpg', contentType: 'image/jpeg' }],
  };
  return {
    version: DRAFT_VERSION,
    taskId: 'task-7',
    savedAt: 1_700_000_000_000,
    answers,
    notes: '雨天',
    evidence: [],
    ...changes,
  };
}

describe('inspection drafts', () => {
  it('are kept per task', () => {
    expect(draftKey('task-7')).toBe('pilot.inspection-draft.task-7');
    expect(draftKey('task-7')).not.toBe(draftKey('task-8'));
  });

  it('survive a reload: what was saved is what comes back, fitted to the checklist', () => {
    const storage = memoryStorage();
    expect(saveDraft(storage, draft())).toBe(true);
    const back = loadDraft(storage, 'task-7', weekly);
    expect(back).toEqual(draft());
    expect(Object.keys(back!.answers)).toHaveLength(35);
  });

  it('store only the answers that say something', () => {
    const stored = JSON.parse(serializeDraft(draft())) as { answers: Record<string, unknown> };
    expect(Object.keys(stored.answers).sort()).toEqual(['A-03', 'E-01']);
  });

  it('ignore a draft of another task, another version or one that is not JSON', () => {
    const text = serializeDraft(draft());
    expect(parseDraft(text, 'task-8', weekly)).toBeNull();
    expect(parseDraft(text.replace('"version":1', '"version":0'), 'task-7', weekly)).toBeNull();
    expect(parseDraft('{"version":1,', 'task-7', weekly)).toBeNull();
    expect(parseDraft('[]', 'task-7', weekly)).toBeNull();
    expect(parseDraft(null, 'task-7', weekly)).toBeNull();
  });

  it('drop codes the checklist does not have and repair damaged answers', () => {
    const text = JSON.stringify({
      version: 1,
      taskId: 'task-7',
      savedAt: 'yesterday',
      notes: 42,
      answers: {
        'Z-99': { outcome: 'pass' },
        'A-03': {
          outcome: 'excellent',
          score: 5,
          note: ['x'],
          evidence: [{ id: 'ev-1' }, { name: 'no id' }, 'x'],
        },
        'E-01': null,
      },
    });
    const back = parseDraft(text, 'task-7', weekly)!;
    expect(back.answers['Z-99']).toBeUndefined();
    expect(back.answers['A-03']).toEqual({
      outcome: null,
      score: '',
      note: '',
      evidence: [{ id: 'ev-1', name: '', contentType: '' }],
      citations: [],
    });
    expect(back.answers['E-01']).toEqual(emptyAnswer());
    expect(back.savedAt).toBe(0);
    expect(back.notes).toBe('');
  });

  it('keep the logbook entries an item cites (older drafts have none)', () => {
    const storage = memoryStorage();
    const answers = completeAnswers(weekly);
    answers['E-01'] = { ...emptyAnswer(), citations: ['lb-mg-00012'] };
    saveDraft(storage, draft({ answers }));
    expect(loadDraft(storage, 'task-7', weekly)?.answers['E-01']?.citations).toEqual(['lb-mg-00012']);
    const old = JSON.stringify({
      version: DRAFT_VERSION,
      taskId: 'task-7',
      answers: { 'E-01': { outcome: 'pass' } },
    });
    expect(parseDraft(old, 'task-7', weekly)?.answers['E-01']?.citations).toEqual([]);
  });

  it('leave nothing behind for an empty form, and are cleared on submit', () => {
    const storage = memoryStorage();
    saveDraft(storage, draft());
    expect(storage.map.size).toBe(1);
    saveDraft(storage, draft({ answers: completeAnswers(weekly), notes: ' ' }));
    expect(storage.map.size).toBe(0);
    expect(hasContent(completeAnswers(weekly), '')).toBe(false);

    saveDraft(storage, draft());
    clearDraft(storage, 'task-7');
    expect(loadDraft(storage, 'task-7', weekly)).toBeNull();
  });

  it('keep the photos of the inspection as a whole, and read older drafts without them', () => {
    const storage = memoryStorage();
    const photo = { id: 'ev-gate', name: 'gate.jpg', contentType: 'image/jpeg' };
    // Only a photo taken so far is still worth keeping.
    saveDraft(storage, draft({ answers: completeAnswers(weekly), notes: '', evidence: [photo] }));
    expect(loadDraft(storage, 'task-7', weekly)?.evidence).toEqual([photo]);
    const older = JSON.stringify({ version: 1, taskId: 'task-7', savedAt: 1, notes: 'x', answers: {} });
    expect(parseDraft(older, 'task-7', weekly)?.evidence).toEqual([]);
  });

  it('key a key-part check’s answers by place and code', () => {
    const parts = keyPartChecklistOf();
    const answers = completeAnswers(parts);
    answers['pump_room/A-04'] = { ...withOutcome(emptyAnswer(), 'fail'), note: '标识脱落' };
    const storage = memoryStorage();
    saveDraft(storage, {
      version: DRAFT_VERSION,
      taskId: 'kp',
      savedAt: 5,
      answers,
      notes: '',
      evidence: [],
    });
    const stored = JSON.parse(storage.map.get(draftKey('kp')) ?? '{}') as {
      answers: Record<string, unknown>;
    };
    expect(Object.keys(stored.answers)).toEqual(['pump_room/A-04']);
    const back = loadDraft(storage, 'kp', parts);
    expect(back?.answers['pump_room/A-04']?.note).toBe('标识脱落');
    // The same standard at another place keeps its own (empty) answer.
    expect(back?.answers['power_room/A-04']).toEqual(emptyAnswer());
  });

  it('never break the form when storage is full or disabled', () => {
    expect(saveDraft(memoryStorage('write'), draft())).toBe(false);
    expect(saveDraft(memoryStorage('always'), draft())).toBe(false);
    expect(loadDraft(memoryStorage('always'), 'task-7', weekly)).toBeNull();
    expect(() => clearDraft(memoryStorage('always'), 'task-7')).not.toThrow();
  });
});
