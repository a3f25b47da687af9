import { parseInput, recordLogbookEntrySchema, patrolRouteSchema } from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import {
  buildingsOf,
  checkpointField,
  checkpointNames,
  checkpointRows,
  checkpointsOf,
  entryBody,
  entryValues,
  intervalOf,
  localInputOf,
  maintenanceTone,
  missedOf,
  occurredAtOf,
  placeIssues,
  reader,
  typeDefaults,
} from './trace-form';

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) data.append(name, one);
  return data;
};

const ROUTE = {
  checkpoints: [
    { code: 'gate-n', name: '北门岗亭' },
    { code: 'garage-b1', name: '地下车库B1' },
    { code: 'gate-s', name: '南门岗亭' },
  ],
};

describe('the logbook entry forms', () => {
  it('send a maintenance visit as the API takes it: its kind’s fields, photos by id, no time when left empty', () => {
    const read = reader(
      form({
        compoundId: 'cmp-meiguijiayuan',
        equipmentId: 'eq-mg-lift-5-1',
        technician: ' 李师傅 ',
        result: 'normal',
        summary: '半月保养，曳引机、门机正常',
        occurredAt: '',
        correctsId: '',
        // Another kind's field a page without JavaScript may send along.
        visitorName: '张女士',
      }),
    );
    const body = entryBody('maintenance', read, [], ['ev-1']);
    expect(body).toEqual({
      entryKind: 'maintenance',
      compoundId: 'cmp-meiguijiayuan',
      equipmentId: 'eq-mg-lift-5-1',
      technician: '李师傅',
      result: 'normal',
      summary: '半月保养，曳引机、门机正常',
      photoIds: ['ev-1'],
      correctsId: null,
    });
    expect(parseInput(recordLogbookEntrySchema, body, 'zh-CN').ok).toBe(true);
  });

  it('send a round with the checkpoints ticked once each, and a visitor with an empty phone as none', () => {
    const read = reader(form({ compoundId: 'c1', routeId: 'rt-1', summary: '未见异常' }));
    expect(entryBody('patrol', read, ['gate-n', 'gate-s', 'gate-n'], [])).toMatchObject({
      routeId: 'rt-1',
      visited: ['gate-n', 'gate-s'],
    });
    const visitor = entryBody(
      'visitor',
      reader(
        form({
          compoundId: 'c1',
          summary: '探亲',
          visitorName: '张女士',
          visitorPhone: '',
          visiting: '3号楼',
        }),
      ),
      [],
      [],
    );
    expect(visitor).toMatchObject({ visitorName: '张女士', visitorPhone: null, visiting: '3号楼' });
    expect(parseInput(recordLogbookEntrySchema, visitor, 'zh-CN').ok).toBe(true);
  });

  it('read a phone’s local time as Shanghai time and show an instant back the same way', () => {
    expect(occurredAtOf('2026-03-05T09:30')).toBe('2026-03-05T09:30:00+08:00');
    expect(occurredAtOf('  ')).toBeUndefined();
    expect(occurredAtOf('yesterday')).toBe('yesterday');
    expect(localInputOf('2026-03-05T01:30:00.000Z')).toBe('2026-03-05T09:30');
    expect(localInputOf('not a time')).toBe('');
  });

  it('keep what was typed to show it again, never empty fields', () => {
    const read = reader(form({ summary: '巡查', technician: '', occurredAt: '2026-03-05T09:30' }));
    expect(entryValues(read)).toEqual({ summary: '巡查', occurredAt: '2026-03-05T09:30' });
  });

  it('name a round’s unticked checkpoints in route order', () => {
    expect(missedOf(ROUTE, ['gate-s'])).toEqual(['gate-n', 'garage-b1']);
    expect(missedOf(ROUTE, ['gate-n', 'garage-b1', 'gate-s'])).toEqual([]);
    expect(checkpointNames(ROUTE, ['garage-b1', 'gone'])).toEqual(['地下车库B1', 'gone']);
  });
});

describe('the route form', () => {
  it('drops spare rows, numbers rows left without a code and maps messages back to their rows', () => {
    const rows = checkpointRows(
      form({
        cpName: ['北门岗亭', '', '南门岗亭', ''],
        cpCode: ['', '', 'gate-s', ''],
        cpKeyPart: ['', '', '', ''],
      }),
    );
    const { checkpoints, rowOf } = checkpointsOf(rows);
    expect(checkpoints).toEqual([
      { code: 'P01', name: '北门岗亭', keyPart: null },
      { code: 'gate-s', name: '南门岗亭', keyPart: null },
    ]);
    expect(rowOf).toEqual([0, 2]);
    expect(
      parseInput(
        patrolRouteSchema,
        { compoundId: 'c1', name: '夜间巡逻', staffRole: 'security', checkpoints },
        'zh-CN',
      ).ok,
    ).toBe(true);
    expect(checkpointField('checkpoints.1.name', rowOf)).toBe('cp-2-name');
    expect(checkpointField('checkpoints.9.name', rowOf)).toBeNull();
    expect(checkpointField('name', rowOf)).toBeNull();
  });

  it('places the API’s messages on the fields the form has, the rest for the alert', () => {
    const placed = placeIssues(
      [
        { path: 'name', message: '太短' },
        { path: 'checkpoints.1.code', message: '编号不能重复' },
        { path: 'visited.0', message: '未知巡检点' },
        { path: 'compoundId', message: '未知小区' },
        { path: 'name', message: '第二条' },
      ],
      ['name', 'visited'],
      (path) => checkpointField(path, [0, 3]),
    );
    expect(placed).toEqual({
      fields: { name: '太短', 'cp-3-code': '编号不能重复', visited: '未知巡检点' },
      general: ['未知小区'],
    });
  });
});

describe('the register and stewards', () => {
  it('states each type’s defaults (a lift every 15 days, TSG T5002)', () => {
    expect(typeDefaults('lift')).toMatchObject({
      maintenanceDays: 15,
      inspectionDays: 1,
      staffRole: 'engineering',
    });
    expect(typeDefaults('other').maintenanceDays).toBeNull();
    expect(intervalOf('')).toBeUndefined();
    expect(intervalOf('30')).toBe(30);
    expect(intervalOf('两周')).toBe('两周');
  });

  it('shows the next maintenance as 正常, 即将到期 or 已逾期', () => {
    expect(['scheduled', 'due_soon', 'overdue'].map((s) => maintenanceTone(s as 'overdue'))).toEqual([
      'ok',
      'warn',
      'accent',
    ]);
  });

  it('reads buildings typed with spaces, commas or 顿号, each once', () => {
    expect(buildingsOf(' 1号楼，2号楼、3号楼 1号楼\n5号楼 ')).toEqual(['1号楼', '2号楼', '3号楼', '5号楼']);
  });
});
