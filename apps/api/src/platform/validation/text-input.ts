// Text PostgreSQL cannot keep, found before anything reaches it. A NUL (U+0000) is refused by
// PostgreSQL's text and jsonb types (the query fails: a 500 for the client's mistake); a lone
// surrogate is not Unicode at all and would be stored silently changed (as U+FFFD). Both are
// refused at the edge with the field they are in, like the shared schemas refuse other bad input.
import { fieldLabel, type InputIssue, type Locale } from '@pilot/domain';

/** Nesting deeper than this is no form of ours (the deepest, a catalogue, is 6) and is refused unread. */
export const MAX_JSON_DEPTH = 32;

// With the `u` flag a surrogate range matches only surrogates that are not half of a pair.
// eslint-disable-next-line no-control-regex -- finding NUL is what this pattern is for
const INVALID_TEXT = /[\u0000\ud800-\udfff]/u;

export type InvalidText = 'nul' | 'surrogate';

export function invalidTextIn(text: string): InvalidText | null {
  const found = INVALID_TEXT.exec(text);
  if (!found) return null;
  return found[0] === '\u0000' ? 'nul' : 'surrogate';
}

export interface InvalidTextAt {
  path: Array<string | number>;
  problem: InvalidText;
}

/**
 * The first string (value or object key) in `value` that is not valid text, with its path. Walks
 * with an explicit stack, so even a value nested past any limit cannot overflow the call stack.
 */
export function findInvalidText(value: unknown): InvalidTextAt | null {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = invalidTextIn(current);
      if (problem) return { path, problem };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        stack.push({ value: current[index] as unknown, path: [...path, index] });
      }
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current as Record<string, unknown>);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index]!;
        const problem = invalidTextIn(key);
        if (problem) return { path: [...path, key], problem };
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

/**
 * How deep the JSON text nests, counted over its bytes without parsing, stopping as soon as it
 * passes `limit`: brackets inside strings do not count. The result is only meaningful up to
 * `limit + 1`; malformed text is left for the parser to refuse.
 */
export function jsonDepthExceeds(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: the next byte is escaped, whatever it is
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > limit) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** Where in the request a value came from. */
export type InputPlace = 'body' | 'query' | 'path' | 'form';

const PLACE: Record<'query' | 'path', { zh: string; en: string }> = {
  query: { zh: '查询参数', en: 'Query parameter' },
  path: { zh: '地址中的参数', en: 'Address parameter' },
};

const PROBLEM: Record<InvalidText, { zh: string; en: string }> = {
  nul: { zh: '空字符（U+0000）', en: 'a NUL character (U+0000)' },
  surrogate: {
    zh: '不成对的代理字符（不是有效的 Unicode 文本）',
    en: 'an unpaired surrogate (not valid Unicode text)',
  },
};

/** A path segment as readable text even when it is itself the bad key (shown as \u0000). */
function printable(segment: string | number): string {
  return typeof segment === 'number' ? String(segment) : JSON.stringify(segment).slice(1, -1);
}

/** The field-level message for invalid text, worded like the shared schemas' messages. */
export function invalidTextIssue(place: InputPlace, found: InvalidTextAt, locale: Locale): InputIssue {
  const path = found.path.map(printable).join('.');
  // A bad key cannot name its own label; the printable path names it instead.
  const label = found.path.some((segment) => typeof segment === 'string' && invalidTextIn(segment))
    ? { zh: path, en: path }
    : fieldLabel(found.path);
  const problem = PROBLEM[found.problem];
  const where = place === 'query' || place === 'path' ? PLACE[place] : null;
  return {
    path,
    message:
      locale === 'en'
        ? `${where ? `${where.en} ` : ''}${label.en} contains ${problem.en}, which is not allowed`
        : `${where ? where.zh : ''}「${label.zh}」含有不允许的字符：${problem.zh}`,
  };
}

/** The message for a body nested deeper than MAX_JSON_DEPTH. */
export function tooDeepIssue(locale: Locale): InputIssue {
  return {
    path: '',
    message:
      locale === 'en'
        ? `The input is nested more than ${MAX_JSON_DEPTH} levels deep; no form here nests like that`
        : `提交内容嵌套超过 ${MAX_JSON_DEPTH} 层，不是本系统的表单内容`,
  };
}
