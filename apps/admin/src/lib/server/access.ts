/*
 * Which paths a visitor may open in which state, in one place for hooks.server.ts and its tests:
 * anonymous visitors reach only the log-in page and the language switch; a user whose password an
 * admin set reaches only the password page, log-out and the language switch until they choose
 * their own (the API refuses everything else with 403 password_change_required anyway).
 */

/** 修改密码: the one page open to a user who must change the password. */
export const PASSWORD_PATH = '/account/password';

/**
 * The password page, coming back to `url` once the password is the user's own: a resident who
 * scanned a compound's QR code (/report?compound=…) lands on its report form, not the start page.
 */
export function passwordPath(url: URL): string {
  const back = url.pathname + url.search;
  if (back === '/' || url.pathname.startsWith(PASSWORD_PATH)) return PASSWORD_PATH;
  return `${PASSWORD_PATH}?${new URLSearchParams({ redirectTo: back }).toString()}`;
}

/**
 * Anyone may open these: the log-in page, the language switch (it works before log-in too) and
 * 居民注册 (a resident who scanned a compound's poster has no account yet).
 * 信息公开 (/public/<subdistrict>: the page residents share, readable by anyone).
 */
const PUBLIC_PATHS = ['/login', '/language', '/join', '/public'];

/** Open while the password must be changed: the page itself, leaving, and the language. */
const OPEN_BEFORE_PASSWORD_CHANGE = [PASSWORD_PATH, '/logout', '/language'];

const within = (pathname: string, paths: readonly string[]) =>
  paths.some((path) => pathname === path || pathname.startsWith(`${path}/`));

export function isPublic(pathname: string): boolean {
  return within(pathname, PUBLIC_PATHS);
}

export function isOpenBeforePasswordChange(pathname: string): boolean {
  return within(pathname, OPEN_BEFORE_PASSWORD_CHANGE);
}
