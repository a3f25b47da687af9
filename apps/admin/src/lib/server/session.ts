import type { Cookies } from '@sveltejs/kit';
import type { SessionUser, SessionView } from '$lib/api/types';
import type { Api } from './api';

/*
 * The API's bearer token lives in one httpOnly cookie, together with the expiry the API gave it,
 * so the server knows when to rotate it without asking. Scripts in the page cannot read it and
 * SameSite=Lax keeps it off cross-site posts.
 */

export const SESSION_COOKIE = 'pilot_session';

/**
 * Rotate when less than this is left. The API's sessions live 12 hours and slide with use, so a
 * user who keeps working is rotated about every 8 hours and never sees the log-in page mid-task.
 */
export const REFRESH_WHEN_LEFT_MS = 4 * 3600_000;

export interface StoredSession {
  token: string;
  expiresAtMs: number;
}

/** `<expiry ms>.<token>`: the expiry is digits, so the first dot separates them whatever the token holds. */
export function encodeSession(session: StoredSession): string {
  return `${session.expiresAtMs}.${session.token}`;
}

export function decodeSession(value: string | undefined): StoredSession | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0) return null;
  const expiresAtMs = Number(value.slice(0, dot));
  const token = value.slice(dot + 1);
  if (!Number.isFinite(expiresAtMs) || !token) return null;
  return { token, expiresAtMs };
}

export function writeSessionCookie(
  cookies: Cookies,
  url: URL,
  view: SessionView,
  now = Date.now(),
): StoredSession {
  const session = { token: view.token, expiresAtMs: Date.parse(view.expiresAt) };
  cookies.set(SESSION_COOKIE, encodeSession(session), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Behind a TLS-terminating proxy, adapter-node's ORIGIN / PROTOCOL_HEADER make url https.
    secure: url.protocol === 'https:',
    maxAge: Math.max(0, Math.floor((session.expiresAtMs - now) / 1000)),
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
  /** The API said the token is no good (revoked, expired, user deactivated). */
  | { kind: 'rejected' }
  /** The API could not be asked; keep the cookie and show an error page, do not log the user out. */
  | { kind: 'unavailable' };

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
  if (stored.expiresAtMs <= now) return { kind: 'rejected' };
  const bearer = api.withToken(stored.token);
  if (stored.expiresAtMs - now < REFRESH_WHEN_LEFT_MS) {
    const pending = rememberedRotation(stored.token, now);
    if (pending) return pending;
    const result = rotate(bearer);
    rotations.set(stored.token, { at: now, result });
    // Only a successful rotation is worth sharing; after a failure the next request may try again.
    void result.then((check) => {
      if (check.kind !== 'rotated') rotations.delete(stored.token);
    });
    return result;
  }
  const me = await bearer.auth.me();
  if (me.ok) return { kind: 'valid', user: me.data, token: stored.token };
  return me.error.status === 401 ? { kind: 'rejected' } : { kind: 'unavailable' };
}

async function rotate(bearer: Api): Promise<SessionCheck> {
  const refreshed = await bearer.auth.refresh();
  if (refreshed.ok) return { kind: 'rotated', user: refreshed.data.user, view: refreshed.data };
  return refreshed.error.status === 401 ? { kind: 'rejected' } : { kind: 'unavailable' };
}

/** Only paths on this site, so `?redirectTo=` cannot send a user elsewhere after log-in. */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return fallback;
  return target;
}
