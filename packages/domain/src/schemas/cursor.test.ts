import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCursor, cursorParam, dueCursorKeySchema, pilotListCursorKeySchema } from './cursor.js';
import { parseInput } from './parse-input.js';
import { listPilotsQuerySchema, listTasksQuerySchema, pilotTimelineQuerySchema } from './queries.js';

describe('list cursors', () => {
  const pilots = cursorParam(pilotListCursorKeySchema);

  it('round-trip every key, names in any script included, as URL-safe text', () => {
    const key = fc.oneof(
      fc.record({
        by: fc.constant('name' as const),
        order: fc.constantFrom('asc' as const, 'desc' as const),
        value: fc.string({ maxLength: 60, unit: 'grapheme' }),
        id: fc.string({ minLength: 1, maxLength: 64 }),
      }),
      fc.record({
        by: fc.constant('score' as const),
        order: fc.constantFrom('asc' as const, 'desc' as const),
        value: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
        id: fc.string({ minLength: 1, maxLength: 64 }),
      }),
    );
    fc.assert(
      fc.property(key, (value) => {
        const text = encodeCursor(pilotListCursorKeySchema, value);
        expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
        // -0 becomes 0 through JSON, which sorts the same.
        expect(pilots.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
    const chinese = encodeCursor(pilotListCursorKeySchema, {
      by: 'name',
      order: 'asc',
      value: '玫瑰家园 🌹',
      id: 'enr-1',
    });
    expect(pilots.parse(chinese)).toMatchObject({ value: '玫瑰家园 🌹' });
  });

  it('refuse forged or foreign text with one message on the field, in Chinese first', () => {
    const forged = [
      'not base64!',
      'x',
      encodeCursor(dueCursorKeySchema, { order: 'asc', at: '2025-03-01T00:00:00.000Z', id: 't-1' }),
      // Valid base64url of a JSON that is no key, and of bytes that are no JSON.
      encodeCursor(pilotListCursorKeySchema, { by: 'name', order: 'asc', value: 'a', id: 'x' }).slice(0, -3),
      'eyJzZXEiOiIxIn0'.repeat(50),
    ];
    for (const cursor of forged) {
      const zh = parseInput(listPilotsQuerySchema, { cursor }, 'zh-CN');
      expect(zh.ok, cursor).toBe(false);
      if (zh.ok) continue;
      expect(zh.issues.map((issue) => issue.path)).toEqual(['cursor']);
      expect(zh.issues[0]!.message).toContain('「分页游标」');
      const en = parseInput(listPilotsQuerySchema, { cursor }, 'en');
      expect(en.ok ? '' : en.issues[0]!.message).toMatch(/^Cursor/);
    }
  });

  it('continue only the sort they were made for', () => {
    const byName = encodeCursor(pilotListCursorKeySchema, {
      by: 'name',
      order: 'asc',
      value: '丽景苑',
      id: 'e',
    });
    expect(parseInput(listPilotsQuerySchema, { cursor: byName, sortBy: 'name' }, 'en').ok).toBe(true);
    const other = parseInput(
      listPilotsQuerySchema,
      { cursor: byName, sortBy: 'name', sortOrder: 'desc' },
      'en',
    );
    expect(other.ok ? [] : other.issues.map((issue) => issue.path)).toEqual(['cursor']);
    const due = encodeCursor(dueCursorKeySchema, { order: 'desc', at: '2025-03-01T00:00:00.000Z', id: 't' });
    expect(parseInput(listTasksQuerySchema, { cursor: due, sortOrder: 'desc' }, 'en').ok).toBe(true);
    expect(parseInput(listTasksQuerySchema, { cursor: due }, 'en').ok).toBe(false);
  });

  it('page a timeline by limit, 20 by default and at most 100', () => {
    expect(parseInput(pilotTimelineQuerySchema, {}, 'en')).toEqual({ ok: true, data: { limit: 20 } });
    expect(parseInput(pilotTimelineQuerySchema, { limit: '101' }, 'en').ok).toBe(false);
  });
});
