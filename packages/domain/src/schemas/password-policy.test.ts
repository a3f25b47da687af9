import { describe, expect, it } from 'vitest';
import { parseInput } from './parse-input.js';
import { COMMAND_SCHEMAS } from './registry.js';
import { passwordClassCount, passwordContainsUsername } from './password-policy.js';

const user = (password: string, username = 'coord.wang') => ({
  username,
  displayName: '王协调',
  role: 'coordinator',
  password,
});

function messages(result: ReturnType<typeof parseInput>): string[] {
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('password policy', () => {
  it('counts the kinds of character, 汉字 among the others', () => {
    expect(passwordClassCount('abcdefghij')).toBe(1);
    expect(passwordClassCount('abcDEF1234')).toBe(3);
    expect(passwordClassCount('锦水abcDEF')).toBe(3);
    expect(passwordClassCount('Ab1!')).toBe(4);
  });

  it('finds the username in the password whichever way round and in any case', () => {
    expect(passwordContainsUsername('Coord.Wang#2026', 'coord.wang')).toBe(true);
    expect(passwordContainsUsername('gnaw.droocX1!', 'coord.wang')).toBe(true);
    expect(passwordContainsUsername('WANG-lao-9x', 'coord.wang')).toBe(true);
    expect(passwordContainsUsername('Jinshui#2026', 'coord.wang')).toBe(false);
    // A two-letter name says nothing.
    expect(passwordContainsUsername('Ab12345678!', 'ab')).toBe(false);
  });

  it('refuses short passwords, too few kinds and the username, with field messages in zh-CN', () => {
    expect(messages(parseInput(COMMAND_SCHEMAS.createUser, user('12345678'), 'zh-CN'))).toEqual([
      'password: 「密码」至少需要 10 个字',
      'password: 「密码」：须包含大写字母、小写字母、数字和符号中的至少 3 类',
    ]);
    expect(messages(parseInput(COMMAND_SCHEMAS.createUser, user('abcdefghijkl'), 'zh-CN'))).toEqual([
      'password: 「密码」：须包含大写字母、小写字母、数字和符号中的至少 3 类',
    ]);
    expect(messages(parseInput(COMMAND_SCHEMAS.createUser, user('Coord.Wang2026'), 'zh-CN'))).toEqual([
      'password: 「密码」：不能包含用户名',
    ]);
    expect(parseInput(COMMAND_SCHEMAS.createUser, user('Jinshui#2026'), 'zh-CN').ok).toBe(true);
  });

  it('says every problem at once, in English when asked', () => {
    expect(messages(parseInput(COMMAND_SCHEMAS.resetPassword, { newPassword: 'short' }, 'en'))).toEqual([
      'newPassword: New password must be at least 10 characters long',
      'newPassword: New password: use at least 3 of: upper-case, lower-case, digits, symbols',
    ]);
  });

  it('wants a new password that differs from the current one', () => {
    const same = { currentPassword: 'Jinshui#2026', newPassword: 'Jinshui#2026' };
    expect(messages(parseInput(COMMAND_SCHEMAS.changePassword, same, 'zh-CN'))).toEqual([
      'newPassword: 「新密码」：新密码不能与当前密码相同',
    ]);
  });
});
