import { redirect, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { LOCALE_COOKIE, parseLocale, translate } from '$lib/i18n';
import { isOpenBeforePasswordChange, isPublic, passwordPath } from '$lib/server/access';
import { apiBaseUrl, createApi } from '$lib/server/api';
import { loginPath } from '$lib/server/guard';
import { PublicPageCache } from '$lib/server/public-page-cache';
import { applySecurityHeaders } from '$lib/server/security-headers';
import {
  SESSION_COOKIE,
  checkSession,
  clearSessionCookie,
  decodeSession,
  writeSessionCookie,
} from '$lib/server/session';

/**
 * The browser's address as adapter-node sees it: the socket's peer, or the header named by
 * ADDRESS_HEADER (with XFF_DEPTH) when this server sits behind a proxy of its own.
 */
function clientAddressOf(event: RequestEvent): string | null {
  try {
    return event.getClientAddress();
  } catch {
    // Only throws where there is no client (prerendering); the API then counts this server itself.
    return null;
  }
}

/** Copies of the public page for visitors without a session (see public-page-cache.ts). */
const publicPages = new PublicPageCache();

export const handle: Handle = async ({ event, resolve }) => {
  const locale = parseLocale(event.cookies.get(LOCALE_COOKIE));
  const publicKey = publicPages.keyOf({
    method: event.request.method,
    pathname: event.url.pathname,
    search: event.url.search,
    locale,
    hasSession: event.cookies.get(SESSION_COOKIE) !== undefined,
  });
  const copy = publicKey ? publicPages.get(publicKey, Date.now()) : null;
  if (copy) return copy;
  event.locals.locale = locale;
  const anonymousApi = createApi({
    baseUrl: apiBaseUrl(),
    locale,
    token: null,
    clientAddress: clientAddressOf(event),
  });
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
    case 'ended':
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
    const reason = check.kind === 'rejected' ? 'expired' : check.kind === 'ended' ? 'ended' : null;
    redirect(303, loginPath(event.url, reason));
  }
  // A password an admin set (or a demo account's) is known to someone else: nothing but choosing
  // one's own until then. The API refuses the rest too; this sends the user where they can act.
  if (event.locals.user?.mustChangePassword && !isOpenBeforePasswordChange(event.url.pathname)) {
    redirect(303, passwordPath(event.url));
  }

  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', locale),
  });
  // Pages carry personal data: never let a shared cache keep them.
  if (event.locals.user) response.headers.set('cache-control', 'private, no-store');
  // Redirects thrown above leave without these; they carry no content to protect.
  applySecurityHeaders(response.headers, event.url);
  return publicKey ? publicPages.put(publicKey, response, Date.now()) : response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const requestId = crypto.randomUUID();
  if (status === 404) return { message: translate(event.locals.locale ?? 'zh-CN', 'errors.notFound') };
  console.error(
    JSON.stringify({ requestId, path: event.url.pathname, status, message, error: String(error) }),
  );
  return { message: translate(event.locals.locale ?? 'zh-CN', 'errors.unexpected'), requestId };
};
