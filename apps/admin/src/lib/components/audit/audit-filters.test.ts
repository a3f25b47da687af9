import { describe, expect, it } from 'vitest';
import { withQuery } from '$lib/navigation/href';
import { auditQuery, auditSearch, hasAuditFilters, parseAuditFilters } from './audit-filters';

describe('audit filters', () => {
  it('reads the address, drops malformed values and pages from 1', () => {
    const filters = parseAuditFilters(
      new URLSearchParams('action=pilot&actor=usr-admin-jinshui&from=2026-11-01&to=not-a-date&page=3'),
    );
    expect(filters).toEqual({ action: 'pilot', actorId: 'usr-admin-jinshui', from: '2026-11-01', page: 3 });
    expect(auditQuery(filters)).toEqual({
      action: 'pilot',
      actorId: 'usr-admin-jinshui',
      from: '2026-11-01',
    });
    expect(hasAuditFilters(filters)).toBe(true);
    expect(parseAuditFilters(new URLSearchParams('page=0'))).toEqual({ page: 1 });
    expect(hasAuditFilters({ page: 2 })).toBe(false);
  });

  it('writes the same filters into links (the CSV export and the pages)', () => {
    const filters = parseAuditFilters(
      new URLSearchParams('entityType=enrollment&entityId=enr-cmp-lijingyuan'),
    );
    expect(withQuery('/audit/export.csv', auditSearch(filters))).toBe(
      '/audit/export.csv?entityType=enrollment&entityId=enr-cmp-lijingyuan',
    );
    expect(withQuery('/audit', auditSearch(filters, 2))).toBe(
      '/audit?entityType=enrollment&entityId=enr-cmp-lijingyuan&page=2',
    );
    expect(withQuery('/audit', auditSearch({ page: 1 }, 1))).toBe('/audit');
  });

  it('searches by words: the free text travels as q, to the list and to the CSV alike', () => {
    const filters = parseAuditFilters(new URLSearchParams('q=管控&entityType=rectification'));
    expect(filters).toEqual({ q: '管控', entityType: 'rectification', page: 1 });
    expect(auditQuery(filters)).toEqual({ q: '管控', entityType: 'rectification' });
    expect(withQuery('/audit/export.csv', auditSearch(filters))).toBe(
      `/audit/export.csv?q=${encodeURIComponent('管控')}&entityType=rectification`,
    );
  });
});
