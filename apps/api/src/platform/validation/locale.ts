import type { Locale } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import type { ApiError } from '../errors/api-errors.js';
import { RefusedError } from '../errors/api-errors.js';

/** zh-CN unless the client prefers English (Accept-Language), matching the UI's default. */
export function localeOf(request: Pick<FastifyRequest, 'headers'>): Locale {
  const header = String(request.headers['accept-language'] ?? '').toLowerCase();
  const first = header.split(',')[0]?.trim() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The text in the caller's language (zh-CN unless English was asked for). */
export const say = (locale: Locale, zh: string, en: string): string => (locale === 'en' ? en : zh);

const generic: Record<string, { zh: string; en: string }> = {
  invalid_input: { zh: '输入有误，请检查标出的字段。', en: 'The input is invalid; see the fields listed.' },
  unauthenticated: { zh: '请先登录。', en: 'Please log in.' },
  forbidden: { zh: '您没有权限执行此操作。', en: 'You are not allowed to do this.' },
  not_found: { zh: '找不到该记录。', en: 'Not found.' },
  idempotency_key_reused: {
    zh: '同一个幂等键已用于另一个请求。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  too_many_attempts: {
    zh: '尝试次数过多，请稍后再试。',
    en: 'Too many attempts; try again later.',
  },
  password_change_required: {
    zh: '请先修改初始密码，再继续使用。',
    en: 'Choose your own password before going on.',
  },
};

/** The message a user reads: the rule's own words for refusals, a stock sentence otherwise. */
export function message(error: ApiError, locale: Locale): string {
  if (error instanceof RefusedError && error.reasons.length > 0) {
    return error.reasons.map((r) => (locale === 'en' ? r.en : r.zh)).join(locale === 'en' ? ' ' : '');
  }
  const stock = generic[error.code];
  if (stock) return locale === 'en' ? stock.en : stock.zh;
  return error.message || error.code;
}
