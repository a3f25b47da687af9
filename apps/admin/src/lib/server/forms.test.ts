import { describe, expect, it } from 'vitest';
import type { ApiFailure } from './api';
import { apiFailure, formFailure, keyFrom } from './forms';

const failure = (overrides: Partial<ApiFailure>): ApiFailure => ({
  status: 400,
  code: 'invalid_input',
  message: '输入有误，请检查标出的字段。',
  issues: [],
  reasons: [],
  ...overrides,
});

describe('form failures', () => {
  it('puts 400 issues at the fields the form shows and the rest in its message', () => {
    const result = apiFailure(
      'pause',
      failure({
        issues: [
          { path: 'reason', message: '「原因」至少需要 2 个字' },
          { path: 'Idempotency-Key', message: 'Idempotency-Key must be 8–100 characters' },
        ],
      }),
      { reason: '' },
      ['reason'],
    );
    expect(result.status).toBe(400);
    expect(result.data.reason).toBe('');
    expect(result.data.problem).toEqual({
      form: 'pause',
      message: 'Idempotency-Key must be 8–100 characters',
      fields: { reason: '「原因」至少需要 2 个字' },
      reasons: [],
      requestId: null,
    });
  });

  it('stays quiet above the form when every issue has its field', () => {
    const result = apiFailure('withdraw', failure({ issues: [{ path: 'reason', message: '太短' }] }), {}, [
      'reason',
    ]);
    expect(result.data.problem.message).toBeNull();
  });

  it('keeps a refusal’s reasons and its message, and takes placed fields as they are', () => {
    const refused = apiFailure(
      'promote',
      failure({
        status: 409,
        code: 'refused',
        message: '只有进入全面推广阶段的试点才能评为示范小区。',
        reasons: [
          {
            code: 'stage_not_rollout',
            zh: '只有进入全面推广阶段的试点才能评为示范小区。',
            en: 'Rollout stage only.',
          },
        ],
        requestId: 'req-1',
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.data.problem.reasons).toHaveLength(1);
    expect(refused.data.problem.message).toContain('全面推广阶段');
    expect(refused.data.problem.requestId).toBe('req-1');

    const placed = apiFailure(
      'enroll',
      failure({ issues: [{ path: 'x', message: 'm' }] }),
      {},
      {
        fields: { compoundId: '请选择小区。' },
        general: ['无效的计划参数'],
      },
    );
    expect(placed.data.problem.fields).toEqual({ compoundId: '请选择小区。' });
    expect(placed.data.problem.message).toBe('无效的计划参数');
  });

  it('reports problems found before asking the API, and keeps a form’s idempotency key', () => {
    expect(formFailure('extend', { days: '1–60 天' }).data.problem.fields).toEqual({ days: '1–60 天' });
    const form = new FormData();
    form.set('idempotencyKey', 'ui-0123456789abcdef');
    expect(keyFrom(form)).toBe('ui-0123456789abcdef');
    form.set('idempotencyKey', 'bad key!');
    expect(keyFrom(form)).toMatch(/^ui-[0-9a-f-]{36}$/);
  });
});
