import {
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
  passwordClassCount,
  passwordContainsUsername,
} from '@pilot/domain';
import type { MessageKey, MessageParams } from '$lib/i18n';

/*
 * The password policy as a checklist the form updates while the user types, from the same helpers
 * the API's schema uses, so the list and the API's verdict cannot drift apart. The API also refuses
 * easily guessed passwords (dictionaries too large for the browser); the list says so in words.
 */

export type PasswordRuleKey = 'length' | 'classes' | 'notUsername' | 'differs';

export interface PasswordRule {
  key: PasswordRuleKey;
  label: MessageKey;
  params: MessageParams;
  /** null while there is nothing to judge yet (nothing typed), so an empty form shows no red. */
  met: boolean | null;
  /** Character kinds found so far (the kinds rule only). */
  count?: number;
}

export interface PasswordContext {
  /** The account's name; the rule is shown only when it is known (the create form: once typed). */
  username?: string | null | undefined;
  /** On 修改密码: the current password, which the new one must differ from. */
  currentPassword?: string | null | undefined;
}

export function passwordRules(password: string, context: PasswordContext = {}): PasswordRule[] {
  const typed = password.length > 0;
  const judge = (ok: boolean) => (typed ? ok : null);
  const rules: PasswordRule[] = [
    {
      key: 'length',
      label: 'password.length',
      params: { min: PASSWORD_MIN_LENGTH },
      // The API counts as zod does: UTF-16 code units.
      met: judge(password.length >= PASSWORD_MIN_LENGTH),
    },
    {
      key: 'classes',
      label: 'password.classes',
      params: { min: PASSWORD_MIN_CLASSES },
      met: judge(passwordClassCount(password) >= PASSWORD_MIN_CLASSES),
      count: passwordClassCount(password),
    },
  ];
  const username = context.username?.trim() ?? '';
  rules.push({
    key: 'notUsername',
    label: 'password.notUsername',
    params: {},
    met: username ? judge(!passwordContainsUsername(password, username)) : null,
  });
  if (context.currentPassword !== undefined && context.currentPassword !== null) {
    rules.push({
      key: 'differs',
      label: 'password.differs',
      params: {},
      met: context.currentPassword ? judge(password !== context.currentPassword) : null,
    });
  }
  return rules;
}
