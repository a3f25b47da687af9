import * as z from 'zod';
import { localizedParams } from './custom-issue.js';

/* How people and firms are reached: phone numbers and e-mail addresses, wherever they are entered. */

/** A text that must match `pattern`; the refusal says what it should look like. */
export const matching = (pattern: RegExp, zh: string, en: string) =>
  z
    .string()
    .trim()
    .refine((value) => pattern.test(value), { params: localizedParams(zh, en) });

/** A mainland mobile number, or a landline with its area code (0531-87654321). */
export const contactPhoneSchema = matching(
  /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
  '应为 11 位手机号码或带区号的固定电话（如 0531-87654321）',
  'must be an 11-digit mobile number or a landline with its area code (e.g. 0531-87654321)',
);
export const emailSchema = matching(
  /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/,
  '不是有效的电子邮箱地址',
  'is not a valid e-mail address',
).pipe(z.string().max(120));
