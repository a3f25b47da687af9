import { describe, expect, it } from 'vitest';
import { isFiltered, matterQuery, matterSearch, parseMatterFilters } from './filters';
import { partiesByKind } from './labels';

describe('matter filters', () => {
  it('reads the address, dropping what the API would refuse', () => {
    const filters = parseMatterFilters(
      new URLSearchParams(
        'view=ledger&status=reported&category=nope&compound=c-1&overdue=true&q=%20漏水%20&page=2',
      ),
    );
    expect(filters).toEqual({
      view: 'ledger',
      status: 'reported',
      compoundId: 'c-1',
      overdue: true,
      q: '漏水',
      page: 2,
    });
    expect(isFiltered(filters)).toBe(true);
    expect(isFiltered(parseMatterFilters(new URLSearchParams('view=all')))).toBe(false);
  });

  it('asks for the queue by who must act and the ledger as the open matters, newest first', () => {
    expect(matterQuery(parseMatterFilters(new URLSearchParams()))).toEqual({
      sort: 'queue',
      open: 'true',
      page: 1,
    });
    expect(matterQuery(parseMatterFilters(new URLSearchParams('view=ledger')))).toEqual({
      sort: 'newest',
      open: 'true',
      page: 1,
    });
    // A chosen status (已销号) is asked for as it is, not narrowed to the open ones.
    expect(matterQuery(parseMatterFilters(new URLSearchParams('status=closed')))).toEqual({
      sort: 'queue',
      status: ['closed'],
      page: 1,
    });
  });

  it('writes the same filters back into the address', () => {
    const filters = parseMatterFilters(new URLSearchParams('view=all&source=hotline&community=m-2'));
    const search = new URLSearchParams(
      Object.entries(matterSearch(filters, 3)).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
    );
    expect(parseMatterFilters(search)).toEqual({ ...filters, page: 3 });
  });
});

describe('partner units by kind', () => {
  it('follows the 1+4+N order and leaves out kinds without a unit', () => {
    const party = (id: string, kind: 'property' | 'urban' | 'judicial', code: string) => ({
      id,
      code,
      name: id,
      kind: { code: kind, label: { zh: kind, en: kind } },
      communityId: null,
      active: true,
      contactName: null,
      contactPhone: null,
    });
    const groups = partiesByKind([
      party('b', 'judicial', 'J1'),
      party('a', 'urban', 'U2'),
      party('c', 'urban', 'U1'),
    ]);
    expect(groups.map((g) => [g.kind, g.parties.map((p) => p.id)])).toEqual([
      ['urban', ['c', 'a']],
      ['judicial', ['b']],
    ]);
  });
});
