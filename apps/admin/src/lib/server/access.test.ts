import { describe, expect, it } from 'vitest';
import { PASSWORD_PATH, isOpenBeforePasswordChange, isPublic, passwordPath } from './access';

describe('which paths open when', () => {
  it('lets anonymous visitors reach only the log-in page and the language switch', () => {
    expect(isPublic('/login')).toBe(true);
    expect(isPublic('/language')).toBe(true);
    expect(isPublic('/join')).toBe(true);
    expect(isPublic('/')).toBe(false);
    expect(isPublic('/loginx')).toBe(false);
    expect(isPublic(PASSWORD_PATH)).toBe(false);
  });

  it('keeps a user who must change the password on the password page, log-out and the language', () => {
    expect(isOpenBeforePasswordChange('/account/password')).toBe(true);
    expect(isOpenBeforePasswordChange('/logout')).toBe(true);
    expect(isOpenBeforePasswordChange('/language')).toBe(true);
    for (const path of [
      '/',
      '/dashboard',
      '/users',
      '/account',
      '/account/passwordx',
      '/evidence/e1',
      '/login',
    ])
      expect(isOpenBeforePasswordChange(path), path).toBe(false);
  });

  it('comes back to the page the user asked for once the password is their own', () => {
    const url = (path: string) => new URL(path, 'http://admin.test');
    expect(passwordPath(url('/'))).toBe(PASSWORD_PATH);
    expect(passwordPath(url('/account/password'))).toBe(PASSWORD_PATH);
    const path = passwordPath(url('/report?compound=cmp-meiguijiayuan'));
    expect(new URL(path, 'http://admin.test').searchParams.get('redirectTo')).toBe(
      '/report?compound=cmp-meiguijiayuan',
    );
  });
});
