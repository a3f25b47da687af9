import {
  PASSWORD_HAS_USERNAME,
  passwordContainsUsername,
  type Locale,
  type LocalizedText,
} from '@pilot/domain';
import { passwordStrength } from '@pilot/security';
import { fieldError } from '../platform/validation/field-error.js';

const GUESSABLE: LocalizedText = {
  zh: '太容易被猜到（常见密码、键盘顺序、重复字符、日期或个人信息），请换一个',
  en: 'is too easy to guess (a common password, keyboard pattern, repeats, a date or personal details); choose another',
};

/**
 * The checks a schema cannot make: the account's own name (for a reset or change, where the body
 * does not carry it) and how guessable the password is against common-password dictionaries and
 * the user's own details. Throws a field error worded like the schemas' own.
 */
export function assertAcceptablePassword(
  path: string,
  password: string,
  user: { username: string; displayName: string; phone: string | null },
  locale: Locale,
): void {
  const problem = passwordContainsUsername(password, user.username)
    ? PASSWORD_HAS_USERNAME
    : passwordStrength(password, [user.username, user.displayName, ...(user.phone ? [user.phone] : [])])
          .guessable
      ? GUESSABLE
      : null;
  if (problem) throw fieldError(path, locale, problem);
}
