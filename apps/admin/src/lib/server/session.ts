import type { Cookies } from '@sveltejs/kit';
import type { SessionUser, SessionView } from '$lib/api/types';
import type { Api } from './api';

/*
 * The API's bearer token lives in one httpOnly cookie, together with the two times the API gave it
 * (the idle expiry and the sign-in's absolute end), so the server knows when to rotate it and when
 * the sign-in is over without asking. Scripts in the page cannot read it and SameSite=Lax keeps it
 * off cross-site posts.
 */

export const SESSION_COOKIE = 'pilot_session';

/**
 * Rotate when less idle time than this is left by the cookie's reckoning. The API's sessions end
 * after 2 hours without use (each request slides that on the API, which the cookie does not see)
 * and 12 hours after log-in however busy; a user who keeps working is rotated about every 90
 * minutes, which is also how the cookie learns the slid expiry.
 */
export const REFRESH_WHEN_LEFT_MS = 30 * 60_000;

export interface StoredSession {
  token: string;
  /** The idle expiry as last heard from the API (log-in or rotation). */
  expiresAtMs: number;
  /** The absolute end; null in cookies written before the API had one. */
  endsAtMs: number | null;
}

/**
 * `<expiry ms>-<end ms>.<token>`: both times are digits, so the first dot separates them from the
 * token whatever it holds. Cookies from before the absolute end are `<expiry ms>.<token>` and still
 * read (their end is unknown until the next rotation tells it).
 */
export function encodeSession(session: StoredSession): string {
  const times =
    session.endsAtMs === null ? `${session.expiresAtMs}` : `${session.expiresAtMs}-${session.endsAtMs}`;
  return `${times}.${session.token}`;
}

const TIMES = /^(\d{1,16})(?:-(\d{1,16}))?$/;

export function decodeSession(value: string | undefined): StoredSession | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const times = TIMES.exec(value.slice(0, dot));
  const token = value.slice(dot + 1);
  if (!times || !token) return null;
  return {
    token,
    expiresAtMs: Number(times[1]),
    endsAtMs: times[2] === undefined ? null : Number(times[2]),
  };
}

export function writeSessionCookie(
  cookies: Cookies,
  url: URL,
  view: SessionView,
  now = Date.now(),
): StoredSession {
  const endsAtMs = Date.parse(view.endsAt);
  const session: StoredSession = {
    token: view.token,
    expiresAtMs: Date.parse(view.expiresAt),
    endsAtMs: Number.isNaN(endsAtMs) ? null : endsAtMs,
  };
  cookies.set(SESSION_COOKIE, encodeSession(session), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Behind a TLS-terminating proxy, adapter-node's ORIGIN / PROTOCOL_HEADER make url https.
    secure: url.protocol === 'https:',
    // Kept until the absolute end, not the idle expiry: the API slides that with use, so the
    // cookie's copy runs out early for a user who kept working; the API says whether it still holds.
    maxAge: Math.max(0, Math.floor(((session.endsAtMs ?? session.expiresAtMs) - now) / 1000)),
  });
  return session;
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
}

export type SessionCheck =
  | { kind: 'anonymous' }
  | { kind: 'valid'; user: SessionUser; token: string }
  | { kind: 'rotated'; user: SessionUser; view: SessionView }
  /** The API said the token is no good (revoked, idle too long, user deactivated). */
  | { kind: 'rejected' }
  /** The sign-in reached its absolute end (12 hours after log-in): log in again. */
  | { kind: 'ended' }
  /** The API could not be asked; keep the cookie and show an error page, do not log the user out. */
  | { kind: 'unavailable' };

/** What to do with a stored session at `now`, before asking the API anything. */
export type SessionStep = 'ended' | 'rotate' | 'ask';

/**
 * Ended once past its absolute end. Rotated when little idle time is left, or when the cookie's
 * expiry has passed (the API may have slid it on with use since; it says no if not) — but never
 * when rotating cannot extend it, because the idle expiry already is the absolute end; then each
 * request just asks /auth/me until the end.
 */
export function sessionStep(stored: StoredSession, now: number): SessionStep {
  if (stored.endsAtMs !== null && stored.endsAtMs <= now) return 'ended';
  const canExtend = stored.endsAtMs === null || stored.expiresAtMs < stored.endsAtMs;
  return canExtend && stored.expiresAtMs - now < REFRESH_WHEN_LEFT_MS ? 'rotate' : 'ask';
}

/**
 * Rotations in flight or just done, by the token they replaced. A page load fires several requests
 * at once (the document, then data and actions); the first rotates, the others reuse its answer
 * instead of presenting a token the API has just revoked. Kept a minute; per process, which is
 * enough because each browser talks to one admin process at a time in practice.
 */
const rotations = new Map<string, { at: number; result: Promise<SessionCheck> }>();
const ROTATION_MEMORY_MS = 60_000;

function rememberedRotation(token: string, now: number): Promise<SessionCheck> | undefined {
  for (const [key, entry] of rotations) if (now - entry.at > ROTATION_MEMORY_MS) rotations.delete(key);
  return rotations.get(token)?.result;
}

/** Who holds this cookie: asks /auth/me, or rotates the token first when it is close to expiry. */
export async function checkSession(
  api: Api,
  stored: StoredSession | null,
  now = Date.now(),
): Promise<SessionCheck> {
  if (!stored) return { kind: 'anonymous' };
  const step = sessionStep(stored, now);
  if (step === 'ended') return { kind: 'ended' };
  const bearer = api.withToken(stored.token);
  if (step === 'rotate') {
    const pending = rememberedRotation(stored.token, now);
    if (pending) return pending;
    const result = rotate(bearer, stored, now);
    rotations.set(stored.token, { at: now, result });
    // Only a successful rotation is worth sharing; after a failure the next request may try again.
    void result.then((check) => {
      if (check.kind !== 'rotated') rotations.delete(stored.token);
    });
    return result;
  }
  const me = await bearer.auth.me();
  if (me.ok) return { kind: 'valid', user: me.data, token: stored.token };
  return me.error.status === 401 ? refusal(stored, now) : { kind: 'unavailable' };
}

async function rotate(bearer: Api, stored: StoredSession, now: number): Promise<SessionCheck> {
  const refreshed = await bearer.auth.refresh();
  if (refreshed.ok) return { kind: 'rotated', user: refreshed.data.user, view: refreshed.data };
  return refreshed.error.status === 401 ? refusal(stored, now) : { kind: 'unavailable' };
}

/** Clocks differ a little: a 401 this close to the known end is the end, and says so. */
const END_SKEW_MS = 60_000;

function refusal(stored: StoredSession, now: number): SessionCheck {
  return stored.endsAtMs !== null && stored.endsAtMs - now < END_SKEW_MS
    ? { kind: 'ended' }
    : { kind: 'rejected' };
}

/** Only paths on this site, so `?redirectTo=` cannot send a user elsewhere after log-in. */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return fallback;
  return target;
}
