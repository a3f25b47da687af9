import { describe, expect, it } from 'vitest';
import { byDate, visitState } from './labels';
import { ledgerQuery, ledgerSearch, parseLedgerFilters } from './ledger-filters';
import { instantOf } from './phase';
import { TAB_PATHS, tabsOf } from './tabs';

const visit = (code: 'planned' | 'done' | 'missed', plannedOn: string, late = false) => ({
  status: { code, label: { zh: '', en: '' } },
  plannedOn,
  late,
});

describe('visitState', () => {
  it('says 已巡查 once done, 逾期 when the day passed or the API says late, else 待巡查', () => {
    expect(visitState(visit('done', '2026-12-01', true), '2026-12-02')).toBe('done');
    expect(visitState(visit('planned', '2026-12-01'), '2026-12-02')).toBe('late');
    expect(visitState(visit('missed', '2026-12-05'), '2026-12-02')).toBe('late');
    expect(visitState(visit('planned', '2026-12-02'), '2026-12-02')).toBe('planned');
  });

  it('groups visits by day in order', () => {
    const days = byDate([
      { plannedOn: '2026-12-03' },
      { plannedOn: '2026-12-01' },
      { plannedOn: '2026-12-03' },
    ]);
    expect(days.map(([day, list]) => [day, list.length])).toEqual([
      ['2026-12-01', 1],
      ['2026-12-03', 2],
    ]);
  });
});

describe('ledger filters', () => {
  it('keeps what the API takes and drops the rest', () => {
    const filters = parseLedgerFilters(
      new URLSearchParams(
        'compoundId=cmp-a&topic=parking&status=closed&open=true&minAgeDays=7&from=2026-1-1&page=3&topic2=x',
      ),
    );
    expect(filters).toEqual({
      compoundId: 'cmp-a',
      topic: 'parking',
      status: 'closed',
      open: true,
      minAgeDays: 7,
      page: 3,
    });
    expect(ledgerQuery(filters, 20)).toEqual({
      compoundId: 'cmp-a',
      topic: 'parking',
      status: ['closed'],
      open: 'true',
      minAgeDays: 7,
      page: 3,
      pageSize: 20,
    });
    expect(parseLedgerFilters(new URLSearchParams('topic=noise')).topic).toBeUndefined();
  });

  it('writes the address of another page, without page 1', () => {
    const filters = parseLedgerFilters(new URLSearchParams('q=垃圾&page=2'));
    expect(ledgerSearch(filters, 1)).toEqual({ q: '垃圾' });
    expect(ledgerSearch(filters)).toEqual({ q: '垃圾', page: '2' });
  });
});

describe('meetings and tabs', () => {
  it('reads datetime-local on the subdistrict clock', () => {
    expect(instantOf('2026-12-10T14:30')).toBe('2026-12-10T14:30:00+08:00');
    expect(instantOf('2026-12-10')).toBeNull();
  });

  it('shows each role its parts of 社区共治', () => {
    expect(tabsOf('coordinator')).toEqual(['patrols', 'ledger', 'meetings', 'residents']);
    expect(tabsOf('resident')).toEqual(['meetings']);
    expect(tabsOf('firm')).toEqual([]);
    expect(TAB_PATHS.ledger.startsWith(TAB_PATHS.patrols)).toBe(true);
  });
});
