import { env } from '$env/dynamic/private';
import { translate, type Locale } from '$lib/i18n';
import { formatTime } from '$lib/ui/date-format';
import type { ApiFailure } from './api';

/**
 * 429 from log-in or 修改密码 in the user's words: when to try again, as a clock time and roughly
 * how far off. Built from the answer's time only, so it reads the same whether or not the username
 * exists (the API throttles unknown names exactly like real ones).
 */
export function throttledMessage(failure: ApiFailure, locale: Locale, now = Date.now()): string {
  const at = failure.retryAt ? Date.parse(failure.retryAt) : Number.NaN;
  const seconds = failure.retryAfterSeconds ?? (Number.isNaN(at) ? null : (at - now) / 1000);
  if (seconds === null || !Number.isFinite(seconds)) return translate(locale, 'auth.throttledNoTime');
  const retryAt = Number.isNaN(at) ? now + seconds * 1000 : at;
  return translate(locale, 'auth.throttled', {
    time: formatTime(retryAt, locale),
    // Rounded up and at least 1: "about 0 minutes" would invite an immediate, refused retry.
    minutes: Math.max(1, Math.ceil(seconds / 60)),
  });
}

/**
 * How long one sign-in lasts at most, for the words of the log-in page. The API holds the real
 * limit (SESSION_MAX_HOURS there); a deployment that changes it sets the same variable here.
 */
export function sessionMaxHours(): number {
  const hours = Number(env.SESSION_MAX_HOURS);
  return Number.isInteger(hours) && hours > 0 ? hours : 12;
}
