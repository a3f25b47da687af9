import { describe, expect, it } from 'vitest';
import { compoundOfReportLink } from './governance';

describe('the compound a poster link carries to registration', () => {
  it('reads the compound of a 扫码报事 link', () => {
    expect(compoundOfReportLink('/report?compound=cmp-jinshuiyuan')).toBe('cmp-jinshuiyuan');
    expect(compoundOfReportLink('/report?compound=%20cmp-a%20&x=1')).toBe('cmp-a');
  });

  it('ignores other pages, other sites and ids that are not ids', () => {
    expect(compoundOfReportLink(null)).toBeNull();
    expect(compoundOfReportLink('/matters?compound=cmp-a')).toBeNull();
    expect(compoundOfReportLink('//evil.example/report?compound=cmp-a')).toBeNull();
    expect(compoundOfReportLink('https://evil.example/report?compound=cmp-a')).toBeNull();
    expect(compoundOfReportLink('/report?compound=<script>')).toBeNull();
    expect(compoundOfReportLink('/report')).toBeNull();
  });
});
