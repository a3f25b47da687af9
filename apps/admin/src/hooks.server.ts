import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { LOCALE_COOKIE, parseLocale, translate } from '$lib/i18n';
import { apiBaseUrl, createApi } from '$lib/server/api';
import { loginPath } from '$lib/server/guard';
import {
  SESSION_COOKIE,
  checkSession,
  clearSessionCookie,
  decodeSession,
  writeSessionCookie,
} from '$lib/server/session';

/** Paths anyone may open: the log-in page and the language switch (it works before log-in too). */
const PUBLIC_PATHS = ['/login', '/language'];

const isPublic = (pathname: string) =>
  PUBLIC_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));

export const handle: Handle = async ({ event, resolve }) => {
  const locale = parseLocale(event.cookies.get(LOCALE_COOKIE));
  event.locals.locale = locale;
  const anonymousApi = createApi({ baseUrl: apiBaseUrl(), locale, token: null });
  event.locals.api = anonymousApi;
  event.locals.user = null;
  event.locals.authUnavailable = false;

  const check = await checkSession(anonymousApi, decodeSession(event.cookies.get(SESSION_COOKIE)));
  switch (check.kind) {
    case 'valid':
      event.locals.user = check.user;
      event.locals.api = anonymousApi.withToken(check.token);
      break;
    case 'rotated':
      writeSessionCookie(event.cookies, event.url, check.view);
      event.locals.user = check.user;
      event.locals.api = anonymousApi.withToken(check.view.token);
      break;
    case 'rejected':
      clearSessionCookie(event.cookies, event.url);
      break;
    case 'unavailable':
      event.locals.authUnavailable = true;
      break;
    case 'anonymous':
      break;
  }

  // One guard for pages, their data requests and form actions alike; thrown here, SvelteKit turns
  // the redirect into the right answer for each (303, or JSON for client-side navigation).
  if (!event.locals.user && !event.locals.authUnavailable && !isPublic(event.url.pathname)) {
    redirect(303, loginPath(event.url, check.kind === 'rejected'));
  }

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', locale),
  });
  // Pages carry personal data: never let a shared cache keep them.
  if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const requestId = crypto.randomUUID();
  if (status === 404) return { message: translate(event.locals.locale ?? 'zh-CN', 'errors.notFound') };
  console.error(
    JSON.stringify({ requestId, path: event.url.pathname, status, message, error: String(error) }),
  );
  return { message: translate(event.locals.locale ?? 'zh-CN', 'errors.unexpected'), requestId };
};
