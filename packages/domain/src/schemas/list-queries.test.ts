import { describe, expect, it } from 'vitest';
import { inspectorAssignmentsSchema } from './common.js';
import { parseInput } from './parse-input.js';
import { auditLogTextQuerySchema, listRectificationsQuerySchema, listTasksQuerySchema } from './queries.js';

describe('task and rectification list queries', () => {
  it('read search, place filters and flags from a query string', () => {
    const tasks = parseInput(
      listTasksQuerySchema,
      { q: ' 玫瑰 ', communityId: 'com-1', firmId: 'firm-1', compoundId: 'cmp-1', overdue: 'true' },
      'zh-CN',
    );
    expect(tasks).toEqual({
      ok: true,
      data: expect.objectContaining({
        q: '玫瑰',
        communityId: 'com-1',
        firmId: 'firm-1',
        compoundId: 'cmp-1',
        overdue: true,
        sortOrder: 'asc',
        page: 1,
        pageSize: 20,
      }),
    });
    const items = parseInput(
      listRectificationsQuerySchema,
      { status: 'controlled', kind: 'weekly', keyPart: 'fire_control_room', overdue: 'false' },
      'zh-CN',
    );
    expect(items).toEqual({
      ok: true,
      data: expect.objectContaining({
        status: 'controlled',
        kind: 'weekly',
        keyPart: 'fire_control_room',
        overdue: false,
      }),
    });
  });

  it('answer bad values with a message naming each field, in the caller language', () => {
    const bad = { status: 'done', kind: 'daily', keyPart: 'Fire Room', overdue: 'maybe', q: '' };
    const zh = parseInput(listRectificationsQuerySchema, bad, 'zh-CN');
    if (zh.ok) throw new Error('expected issues');
    expect(zh.issues.map((i) => i.path).sort()).toEqual(['keyPart', 'kind', 'overdue', 'q', 'status']);
    expect(zh.issues.find((i) => i.path === 'keyPart')!.message).toContain('「重点部位」');
    expect(zh.issues.find((i) => i.path === 'q')!.message).toBe('「关键词」不能为空');
    const en = parseInput(listTasksQuerySchema, { overdue: 'sometimes', firmId: '' }, 'en');
    if (en.ok) throw new Error('expected issues');
    expect(en.issues.map((i) => i.message).sort()).toEqual([
      'Firm ID must not be empty',
      expect.stringContaining('Overdue'),
    ]);
  });

  it('take free text for the audit search', () => {
    expect(parseInput(auditLogTextQuerySchema, { q: '已管控' }, 'zh-CN')).toEqual({
      ok: true,
      data: { q: '已管控' },
    });
    expect(parseInput(auditLogTextQuerySchema, { q: 'x'.repeat(101) }, 'zh-CN').ok).toBe(false);
  });
});

describe('inspector assignments', () => {
  it('name the kinds nobody is assigned to in the reader’s language, not by code', () => {
    const input = [{ inspectorId: 'usr-1', kinds: ['concentrated', 'quarterly', 'consolidation'] }];
    const zh = parseInput(inspectorAssignmentsSchema, input, 'zh-CN');
    const en = parseInput(inspectorAssignmentsSchema, input, 'en');
    if (zh.ok || en.ok) throw new Error('expected issues');
    expect(zh.issues[0]!.message).toBe('「提交内容」：以下检查类型尚未分配检查员：周检查、月度专项检查。');
    expect(zh.issues[0]!.message).not.toMatch(/weekly|monthly/);
    expect(en.issues[0]!.message).toBe(
      'Input: No inspector is assigned to: weekly inspection, monthly special inspection.',
    );
  });
});
