import { PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH } from '@pilot/domain';
import { describe, expect, it } from 'vitest';
import { passwordRules } from './password-rules';

const verdicts = (rules: ReturnType<typeof passwordRules>) =>
  Object.fromEntries(rules.map((rule) => [rule.key, rule.met]));

describe('password checklist', () => {
  it('judges nothing before anything is typed, so an empty form shows no red', () => {
    expect(verdicts(passwordRules('', { username: 'insp.zhang' }))).toEqual({
      length: null,
      classes: null,
      notUsername: null,
    });
  });

  it('follows the policy of the domain package: length, kinds, not the username', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(PASSWORD_MIN_CLASSES).toBe(3);
    expect(verdicts(passwordRules('abc', { username: 'insp.zhang' }))).toEqual({
      length: false,
      classes: false,
      notUsername: true,
    });
    expect(verdicts(passwordRules('abcdefghij', { username: 'insp.zhang' }))).toMatchObject({
      length: true,
      classes: false,
    });
    expect(verdicts(passwordRules('Harbour-Light-27', { username: 'insp.zhang' }))).toEqual({
      length: true,
      classes: true,
      notUsername: true,
    });
    // The name, reversed, or a long enough part of it (zhang of insp.zhang), in any case.
    expect(verdicts(passwordRules('Zhang#2026xy', { username: 'insp.zhang' })).notUsername).toBe(false);
    expect(verdicts(passwordRules('gnahz.psni#A1', { username: 'insp.zhang' })).notUsername).toBe(false);
  });

  it('counts the kinds found so far', () => {
    const classes = passwordRules('abcDEF', {}).find((rule) => rule.key === 'classes');
    expect(classes).toMatchObject({ met: false, count: 2, params: { min: 3 } });
  });

  it('leaves the username rule open until a name is known (the create form)', () => {
    expect(verdicts(passwordRules('Harbour-Light-27', { username: '  ' })).notUsername).toBeNull();
    expect(verdicts(passwordRules('Harbour-Light-27')).notUsername).toBeNull();
  });

  it('on 修改密码 also asks for a password other than the current one', () => {
    expect(verdicts(passwordRules('Harbour-Light-27', { currentPassword: 'Harbour-Light-27' })).differs).toBe(
      false,
    );
    expect(verdicts(passwordRules('Harbour-Light-28', { currentPassword: 'Harbour-Light-27' })).differs).toBe(
      true,
    );
    expect(verdicts(passwordRules('Harbour-Light-28', { currentPassword: '' })).differs).toBeNull();
    expect(passwordRules('x', {}).map((rule) => rule.key)).not.toContain('differs');
  });
});
