import { describe, expect, it } from 'vitest';
import type { ApiFailure } from './api';
import { throttledMessage } from './auth-messages';

const throttled = (extra: Partial<ApiFailure>): ApiFailure => ({
  status: 429,
  code: 'too_many_attempts',
  message: 'Too many attempts.',
  issues: [],
  reasons: [],
  ...extra,
});

describe('the 429 message', () => {
  const now = Date.parse('2026-03-01T06:00:30Z'); // 14:00:30 in Shanghai

  it('says when, in Shanghai time, and about how many minutes from now', () => {
    const failure = throttled({ retryAt: '2026-03-01T06:05:30Z', retryAfterSeconds: 300 });
    expect(throttledMessage(failure, 'zh-CN', now)).toBe('尝试次数过多，请于 14:05（约 5 分钟后）再试。');
    expect(throttledMessage(failure, 'en', now)).toBe(
      'Too many attempts; try again at 14:05 (in about 5 min).',
    );
  });

  it('rounds up to whole minutes and never says 0', () => {
    expect(
      throttledMessage(throttled({ retryAt: '2026-03-01T06:00:45Z', retryAfterSeconds: 15 }), 'zh-CN', now),
    ).toBe('尝试次数过多，请于 14:00（约 1 分钟后）再试。');
    expect(
      throttledMessage(throttled({ retryAt: '2026-03-01T06:02:00Z', retryAfterSeconds: 90 }), 'zh-CN', now),
    ).toContain('约 2 分钟后');
  });

  it('works from either of the two times alone, and without any', () => {
    expect(throttledMessage(throttled({ retryAfterSeconds: 600 }), 'zh-CN', now)).toBe(
      '尝试次数过多，请于 14:10（约 10 分钟后）再试。',
    );
    expect(throttledMessage(throttled({ retryAt: '2026-03-01T07:00:30Z' }), 'zh-CN', now)).toBe(
      '尝试次数过多，请于 15:00（约 60 分钟后）再试。',
    );
    expect(throttledMessage(throttled({}), 'zh-CN', now)).toBe('尝试次数过多，请稍后再试。');
  });
});
