import { describe, expect, it } from 'vitest';
import { checklistOf, keyPartChecklistOf } from '../../../../tests/support/checklist-fixture';
import {
  FIELDS,
  inspectionPhotosInForm,
  parseAttachments,
  photosInForm,
  readInspectionForm,
} from './form-fields';
import { emptyAnswer } from './inspection-form';

const weekly = checklistOf('weekly');

describe('the inspection as a posted form (with or without JavaScript)', () => {
  it('reads outcomes, scores, notes and uploaded photos back into answers', () => {
    const form = new FormData();
    form.set(FIELDS.outcome('A-03'), 'pass');
    form.set(FIELDS.score('A-03'), ' 4 ');
    form.set(FIELDS.outcome('E-01'), 'fail');
    form.set(FIELDS.note('E-01'), '无值班记录');
    form.set(
      FIELDS.evidence('E-01'),
      JSON.stringify([{ id: 'ev-9', name: 'a.png', contentType: 'image/png' }]),
    );
    form.set(FIELDS.outcome('C-02'), 'maybe');
    form.set(FIELDS.outcome('Z-99'), 'pass');
    form.set(FIELDS.notes, '总体良好');

    const { answers, notes } = readInspectionForm(form, weekly);
    expect(Object.keys(answers)).toHaveLength(35);
    expect(answers['A-03']).toEqual({ ...emptyAnswer(), outcome: 'pass', score: '4' });
    expect(answers['E-01']).toEqual({
      outcome: 'fail',
      score: '',
      note: '无值班记录',
      evidence: [{ id: 'ev-9', name: 'a.png', contentType: 'image/png' }],
      citations: [],
    });
    expect(answers['C-02']).toEqual(emptyAnswer());
    expect(answers['Z-99']).toBeUndefined();
    expect(notes).toBe('总体良好');
  });

  it('reads the logbook entries an item cites, dropping what is not an id', () => {
    const form = new FormData();
    form.set(FIELDS.outcome('A-03'), 'pass');
    form.set(FIELDS.citations('A-03'), JSON.stringify(['lb-7', 'lb-7', 'bad id!', 3, 'lb-8']));
    form.set(FIELDS.citations('E-01'), 'not json');
    const { answers } = readInspectionForm(form, weekly);
    expect(answers['A-03']?.citations).toEqual(['lb-7', 'lb-8']);
    expect(answers['E-01']?.citations).toEqual([]);
  });

  it('reads a key-part check by place and code, and the photos of the inspection as a whole', () => {
    const form = new FormData();
    form.set(FIELDS.outcome('pump_room/A-04'), 'fail');
    form.set(FIELDS.note('pump_room/A-04'), '标识脱落');
    form.set(FIELDS.outcome('power_room/A-04'), 'pass');
    form.set(
      FIELDS.inspectionEvidence,
      JSON.stringify([{ id: 'ev-gate', name: 'gate.jpg', contentType: 'image/jpeg' }]),
    );
    form.append(
      FIELDS.inspectionPhoto,
      new File([new Uint8Array([1])], 'roster.jpg', { type: 'image/jpeg' }),
    );
    const { answers, evidence } = readInspectionForm(form, keyPartChecklistOf());
    expect(answers['pump_room/A-04']).toMatchObject({ outcome: 'fail', note: '标识脱落' });
    expect(answers['power_room/A-04']?.outcome).toBe('pass');
    expect(answers['fire_control_room/A-04']?.outcome).toBeNull();
    expect(evidence.map((file) => file.id)).toEqual(['ev-gate']);
    expect(inspectionPhotosInForm(form).map((file) => file.name)).toEqual(['roster.jpg']);
  });

  it('reads attachment lists defensively', () => {
    expect(parseAttachments('')).toEqual([]);
    expect(parseAttachments('not json')).toEqual([]);
    expect(parseAttachments('{"id":"x"}')).toEqual([]);
    expect(parseAttachments('[{"id":"x"},{"name":"no id"},null]')).toEqual([
      { id: 'x', name: '', contentType: '' },
    ]);
  });

  it('finds the photos a page without JavaScript sent as files, skipping empty file fields', () => {
    const form = new FormData();
    form.append(
      FIELDS.photo('E-01'),
      new File([new Uint8Array([1, 2, 3])], 'fire.jpg', { type: 'image/jpeg' }),
    );
    form.append(FIELDS.photo('A-03'), new File([], '', { type: 'application/octet-stream' }));
    const photos = photosInForm(form, weekly);
    expect([...photos.keys()]).toEqual(['E-01']);
    expect(photos.get('E-01')?.[0]?.name).toBe('fire.jpg');
  });
});
