import type * as z from 'zod';
import type { LocalizedText } from '../catalogue/types.js';
import { isLocalizedIssueParams } from './custom-issue.js';
import { FIELD_LABELS, ROOT_LABEL } from './field-labels.js';

export type Locale = 'zh-CN' | 'en';

export interface InputIssue {
  /** Dotted path of the field, e.g. `items.2.score`; empty for the input as a whole. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; issues: InputIssue[] };

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是/否', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
  date: { zh: '日期', en: 'a date' },
};

/** The label of the field at `path`: qualified `parent.field` first, then the field name. */
export function fieldLabel(path: readonly PropertyKey[]): LocalizedText {
  const names = path.filter((segment): segment is string => typeof segment === 'string');
  const last = names[names.length - 1];
  if (last === undefined) return ROOT_LABEL;
  const parent = names[names.length - 2];
  return (
    (parent !== undefined ? FIELD_LABELS[`${parent}.${last}`] : undefined) ??
    FIELD_LABELS[last] ?? { zh: last, en: last }
  );
}

/** "（第3项）" / " (#3)": which element of a list the field belongs to, counted from 1. */
function positionOf(path: readonly PropertyKey[], locale: Locale): string {
  const indexes = path.filter((segment): segment is number => typeof segment === 'number');
  if (indexes.length === 0) return '';
  const ordinal = indexes.map((index) => index + 1).join('.');
  return locale === 'en' ? ` (#${ordinal})` : `（第${ordinal}项）`;
}

function limitText(value: number | bigint): string {
  return String(value);
}

function describe(issue: Issue, field: string, locale: Locale): string {
  const en = locale === 'en';
  // With reportInput, an absent field arrives as undefined input whatever check it failed first.
  if (issue.code !== 'custom' && 'input' in issue && issue.input === undefined) {
    return en ? `${field} is required` : `${field}为必填项`;
  }
  switch (issue.code) {
    case 'invalid_type': {
      const type = TYPE_NAMES[issue.expected] ?? { zh: issue.expected, en: issue.expected };
      return en ? `${field} must be ${type.en}` : `${field}应为${type.zh}`;
    }
    case 'too_small': {
      const min = limitText(issue.minimum);
      if (issue.origin === 'string') {
        if (issue.minimum === 1) return en ? `${field} must not be empty` : `${field}不能为空`;
        return en ? `${field} must be at least ${min} characters long` : `${field}至少需要 ${min} 个字`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return en ? `${field} needs at least ${min} item(s)` : `${field}至少需要 ${min} 项`;
      }
      if (issue.inclusive === false)
        return en ? `${field} must be greater than ${min}` : `${field}必须大于 ${min}`;
      return en ? `${field} must be at least ${min}` : `${field}不能小于 ${min}`;
    }
    case 'too_big': {
      const max = limitText(issue.maximum);
      if (issue.origin === 'string') {
        return en ? `${field} must be at most ${max} characters long` : `${field}不能超过 ${max} 个字`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return en ? `${field} allows at most ${max} item(s)` : `${field}最多 ${max} 项`;
      }
      if (issue.inclusive === false)
        return en ? `${field} must be less than ${max}` : `${field}必须小于 ${max}`;
      return en ? `${field} must be at most ${max}` : `${field}不能大于 ${max}`;
    }
    case 'invalid_format':
      if (issue.format === 'date') {
        return en
          ? `${field} must be a real date written YYYY-MM-DD`
          : `${field}应为有效日期，格式为 YYYY-MM-DD`;
      }
      return en ? `${field} has an invalid format` : `${field}格式不正确`;
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      return en
        ? `${field} must be one of: ${values.join(', ')}`
        : `${field}必须是以下之一：${values.join('、')}`;
    }
    case 'not_multiple_of':
      return en
        ? `${field} must be a multiple of ${issue.divisor}`
        : `${field}必须是 ${issue.divisor} 的倍数`;
    case 'unrecognized_keys':
      return en
        ? `${field} has unknown fields: ${issue.keys.join(', ')}`
        : `${field}包含未知字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return en ? `${field} does not match any allowed form` : `${field}不符合任何允许的格式`;
    case 'custom':
      if (isLocalizedIssueParams(issue.params)) {
        return en ? `${field}: ${issue.params.en}` : `${field}：${issue.params.zh}`;
      }
      return en ? `${field} is invalid` : `${field}无效`;
    default:
      return en ? `${field} is invalid` : `${field}无效`;
  }
}

/** One localized message naming the field, for a zod issue. */
export function formatIssue(issue: Issue, locale: Locale): InputIssue {
  const label = fieldLabel(issue.path);
  const field =
    locale === 'en'
      ? `${label.en}${positionOf(issue.path, locale)}`
      : `「${label.zh}」${positionOf(issue.path, locale)}`;
  return {
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: describe(issue, field, locale),
  };
}

/**
 * Validates a command or query with one of the shared schemas and answers with field-level
 * messages in the caller's language. Never throws for bad input.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  locale: Locale,
): ParseResult<z.output<S>> {
  // reportInput lets messages tell a missing field ("required") from a wrongly typed one.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => formatIssue(issue, locale)) };
}
