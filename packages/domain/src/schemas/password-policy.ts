import * as z from 'zod';
import { localizedParams } from './custom-issue.js';

/**
 * The password rules of 等保 2.0 level 3 identity checks, in one place for the API and the UI: long
 * enough, of several kinds of character, and not the account's own name. Whether a password is a
 * common one is the API's check (it needs a dictionary too large for the browser and workflows).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;

const CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

/** Lower-case, upper-case, digits, anything else (punctuation, 汉字): how many of these occur. */
export function passwordClassCount(password: string): number {
  return CLASSES.filter((re) => re.test(password)).length;
}

/** Whether the password carries the username (either way round, any case), e.g. `coord.wang2026!`. */
export function passwordContainsUsername(password: string, username: string): boolean {
  const name = username.trim().toLowerCase();
  if (name.length < 3) return false;
  const lower = password.toLowerCase();
  const reversed = [...name].reverse().join('');
  // The name's parts count too (`wang` of `coord.wang`), when long enough to mean something.
  const parts = name.split(/[._-]+/).filter((p) => p.length >= 4);
  return [name, reversed, ...parts].some((piece) => lower.includes(piece));
}

/** A new password's shape: length and character kinds. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH)
  .refine((password) => passwordClassCount(password) >= PASSWORD_MIN_CLASSES, {
    params: localizedParams(
      `须包含大写字母、小写字母、数字和符号中的至少 ${PASSWORD_MIN_CLASSES} 类`,
      `use at least ${PASSWORD_MIN_CLASSES} of: upper-case, lower-case, digits, symbols`,
    ),
  });

/** The message for a password that carries the username, for schemas and for the API alike. */
export const PASSWORD_HAS_USERNAME = localizedParams('不能包含用户名', 'must not contain the username');

/** 修改密码: the user's own change, proven with the current password. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    newPassword: newPasswordSchema,
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ['newPassword'],
    params: localizedParams('新密码不能与当前密码相同', 'must differ from the current password'),
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
