import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  filterSearch,
  isFiltered,
  parseRectificationFilters,
  parseTaskFilters,
  rectificationQuery,
  taskQuery,
} from './list-filters';

const params = (query: string) => new URLSearchParams(query);

describe('list filters in the address and as the API takes them', () => {
  it('reads the task filters, dropping what is malformed', () => {
    const filters = parseTaskFilters(
      params('q=金桂园&status=open&kind=weekly&community=com-jinshuiyuan&overdue=true&page=2&firm=<x>'),
    );
    expect(filters).toEqual({
      q: '金桂园',
      status: 'open',
      kind: 'weekly',
      communityId: 'com-jinshuiyuan',
      overdue: true,
      page: 2,
    });
    expect(parseTaskFilters(params('status=later&kind=yearly&page=0&overdue=maybe'))).toEqual({ page: 1 });
    expect(taskQuery(filters)).toEqual({
      q: '金桂园',
      status: 'open',
      kind: 'weekly',
      communityId: 'com-jinshuiyuan',
      overdue: 'true',
    });
  });

  it('reads the rectification filters: the records’ status words, severity and key part', () => {
    const filters = parseRectificationFilters(
      params(
        'status=controlled&severity=critical&keyPart=fire_control_room&firm=firm-jinrun&kind=consolidation',
      ),
    );
    expect(rectificationQuery(filters)).toEqual({
      status: 'controlled',
      severity: 'critical',
      keyPart: 'fire_control_room',
      firmId: 'firm-jinrun',
      kind: 'consolidation',
    });
    expect(parseRectificationFilters(params('status=done&severity=huge&keyPart=Fire Room'))).toEqual({
      page: 1,
    });
  });

  it('writes the filters back into the address, with prefixes for a list inside another page', () => {
    const filters = parseTaskFilters(params('taskKind=monthly&taskStatus=done&taskPage=3'), 'task');
    expect(filters).toEqual({ kind: 'monthly', status: 'done', page: 3 });
    expect(filterSearch(filters, 4, 'task')).toMatchObject({
      taskKind: 'monthly',
      taskStatus: 'done',
      taskPage: '4',
      taskQ: undefined,
    });
    expect(filterSearch(filters, 1, 'task').taskPage).toBeUndefined();
  });

  it('shows the overview only when nothing narrows the list and it is the first page', () => {
    expect(isFiltered(parseTaskFilters(params('')))).toBe(false);
    expect(isFiltered(parseTaskFilters(params('page=2')))).toBe(true);
    expect(isFiltered(parseRectificationFilters(params('overdue=false')))).toBe(true);
    expect(activeFilters(parseRectificationFilters(params('q=E-01&severity=major&page=3')))).toBe(2);
  });
});
