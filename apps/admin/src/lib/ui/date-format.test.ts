import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, localDateOf, localToday } from './date-format';

describe('dates in Asia/Shanghai', () => {
  it('reads a local date as that calendar day, whatever the machine’s time zone', () => {
    expect(formatDate('2026-11-29', 'zh-CN')).toBe('2026/11/29');
    expect(localDateOf('2026-11-28T16:00:00.000Z')).toBe('2026-11-29');
    expect(localToday(new Date('2026-11-28T15:59:00.000Z'))).toBe('2026-11-28');
  });

  it('formats instants to the minute and shows a dash for nothing', () => {
    expect(formatDateTime(Date.UTC(2026, 11, 4, 15, 59), 'zh-CN')).toBe('2026/12/04 23:59');
    expect(formatDate(null, 'zh-CN')).toBe('—');
    expect(formatDate('garbage', 'en')).toBe('—');
  });

  it('gives a clock time in Shanghai, 24-hour, in both languages', () => {
    expect(formatTime('2026-03-01T16:05:00Z', 'zh-CN')).toBe('00:05');
    expect(formatTime(Date.UTC(2026, 2, 1, 6, 5), 'en')).toBe('14:05');
    expect(formatTime('2026-03-01T16:05:00Z', 'en')).toBe('00:05');
    expect(formatTime(undefined, 'en')).toBe('—');
  });
});
