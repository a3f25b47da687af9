import { isIP } from 'node:net';
import { env } from '$env/dynamic/private';
import { createPilotApi, type PilotApi } from '@pilot/api-client';
import type { SessionUser, SessionView } from '$lib/api/types';
import { translate, type Locale } from '$lib/i18n';

/*
 * The one door from the admin's server to the API. Everything the UI shows comes through here, in
 * server load functions and form actions; the browser never talks to the API and never sees a
 * token. Calls go through the typed client generated from the API's OpenAPI document
 * (@pilot/api-client), so a route or shape that changes there breaks the build here; this file adds
 * the bearer, the language, the browser's address, a timeout, and one result type with the API's
 * errors mapped.
 */

/** Where the server side of the UI reaches the API. */
export function apiBaseUrl(): string {
  return (env.API_URL ?? 'http://127.0.0.1:3100').replace(/\/$/, '');
}

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiReason {
  code: string;
  zh: string;
  en: string;
}

/** The API's error body (`{ error: {...} }`), flattened, plus the HTTP status. */
export interface ApiFailure {
  /** HTTP status; 503 with code `unreachable` when the API did not answer at all. */
  status: number;
  code: string;
  /** Already in the request's language (the API follows Accept-Language). */
  message: string;
  requestId?: string;
  issues: ApiIssue[];
  reasons: ApiReason[];
  /** 429: when asking again may succeed (the API's `retryAt`), and how many seconds that is away. */
  retryAt?: string;
  retryAfterSeconds?: number;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: ApiFailure };

/** What every openapi-fetch call resolves to. */
export interface ClientOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

export interface Api {
  /**
   * One typed call: `api.call((c) => c.GET('/dashboard', { params: { query: { months: 12 } } }))`.
   * Never throws for what the API answered or for a network failure; both come back as `ok: false`.
   */
  call<T>(run: (client: PilotApi) => Promise<ClientOutcome<T>>): Promise<ApiResult<T>>;
  /** Session routes, whose answers the OpenAPI document does not describe yet (typed by hand here). */
  auth: {
    login(input: { username: string; password: string }): Promise<ApiResult<SessionView>>;
    me(): Promise<ApiResult<SessionUser>>;
    refresh(): Promise<ApiResult<SessionView>>;
    logout(): Promise<ApiResult<unknown>>;
    /** 修改密码: 204; 400 with field issues (currentPassword, newPassword); 429 like log-in. */
    changePassword(input: { currentPassword: string; newPassword: string }): Promise<ApiResult<unknown>>;
  };
  /** The same API as another bearer (after log-in or token rotation). */
  withToken(token: string | null): Api;
  /** The same API with a longer wait, for the few calls that do long work in one request (an import). */
  withTimeout(timeoutMs: number): Api;
}

export interface ApiOptions {
  baseUrl: string;
  locale: Locale;
  token: string | null;
  /**
   * The browser's address (SvelteKit's `getClientAddress()`), sent as `X-Forwarded-For`. The API
   * counts log-in failures and requests per client address and believes this header from its
   * trusted proxies (loopback by default); without it every user of this server would share the
   * server's one allowance, and one guesser would lock everybody out.
   */
  clientAddress?: string | null;
  fetch?: (input: Request) => Promise<Response>;
  timeoutMs?: number;
}

/** Long enough for a dashboard's aggregates on PGlite; short enough that a hung API shows an error page. */
const DEFAULT_TIMEOUT_MS = 15_000;

export function createApi(options: ApiOptions): Api {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const address = forwardableAddress(options.clientAddress);
  const client = createPilotApi({
    baseUrl: options.baseUrl,
    token: options.token,
    locale: options.locale,
    ...(address ? { headers: { 'x-forwarded-for': address } } : {}),
    fetch: (request) => send(new Request(request, { signal: AbortSignal.timeout(timeoutMs) })),
  });

  async function call<T>(run: (client: PilotApi) => Promise<ClientOutcome<T>>): Promise<ApiResult<T>> {
    let outcome: ClientOutcome<T>;
    try {
      outcome = await run(client);
    } catch {
      // fetch rejects only when no answer came (refused, reset, timed out).
      return { ok: false, error: unreachable(options.locale) };
    }
    const { response } = outcome;
    if (response.ok) return { ok: true, status: response.status, data: outcome.data as T };
    return {
      ok: false,
      error: toFailure(response.status, outcome.error ?? null, options.locale, response.headers),
    };
  }

  /** The auth answers are typed as "no content" in the document; these are their real shapes. */
  const untyped = <T>(outcome: Promise<ClientOutcome<unknown>>) => outcome as Promise<ClientOutcome<T>>;

  return {
    call,
    auth: {
      login: (input) => call((c) => untyped<SessionView>(c.POST('/auth/login', { body: input }))),
      me: () => call((c) => untyped<SessionUser>(c.GET('/auth/me'))),
      refresh: () => call((c) => untyped<SessionView>(c.POST('/auth/refresh'))),
      logout: () => call((c) => untyped<unknown>(c.POST('/auth/logout'))),
      changePassword: (input) => call((c) => c.POST('/auth/password', { body: input })),
    },
    withToken: (token) => createApi({ ...options, token }),
    withTimeout: (ms) => createApi({ ...options, timeoutMs: ms }),
  };
}

/** Only a real IP address goes into the header: anything else would be the API's to misread. */
function forwardableAddress(address: string | null | undefined): string | null {
  const trimmed = address?.trim() ?? '';
  return trimmed && isIP(trimmed) !== 0 ? trimmed : null;
}

function unreachable(locale: Locale): ApiFailure {
  return {
    status: 503,
    code: 'unreachable',
    message: translate(locale, 'errors.unreachable'),
    issues: [],
    reasons: [],
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the API's `{ error: { code, message, ... } }`; anything else (a proxy's 502 page) gets a
 * stock message. A 429's time comes from the body, else from its Retry-After header.
 */
export function toFailure(status: number, body: unknown, locale: Locale, headers?: Headers): ApiFailure {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const requestId = typeof error?.requestId === 'string' ? { requestId: error.requestId } : {};
  if (status >= 500 && (!error || error.code === 'internal')) {
    return {
      status,
      code: error ? 'internal' : 'unreachable',
      message: translate(locale, status >= 502 && !error ? 'errors.unreachable' : 'errors.unexpected'),
      ...requestId,
      issues: [],
      reasons: [],
    };
  }
  const issues = Array.isArray(error?.issues)
    ? error.issues.filter(isRecord).map((issue) => ({
        path: String(issue.path ?? ''),
        message: String(issue.message ?? ''),
      }))
    : [];
  const reasons = Array.isArray(error?.reasons)
    ? error.reasons.filter(isRecord).map((reason) => ({
        code: String(reason.code ?? ''),
        zh: String(reason.zh ?? ''),
        en: String(reason.en ?? ''),
      }))
    : [];
  return {
    status,
    code: typeof error?.code === 'string' ? error.code : 'http_error',
    message: typeof error?.message === 'string' ? error.message : translate(locale, 'errors.unexpected'),
    ...requestId,
    ...(status === 429 ? retryOf(error, headers) : {}),
    issues,
    reasons,
  };
}

/** When a throttled request may be tried again: `retryAt` and its seconds, whichever the answer gave. */
function retryOf(
  error: Record<string, unknown> | null,
  headers: Headers | undefined,
): { retryAt?: string; retryAfterSeconds?: number } {
  const at =
    typeof error?.retryAt === 'string' && !Number.isNaN(Date.parse(error.retryAt)) ? error.retryAt : null;
  const bodySeconds = typeof error?.retryAfterSeconds === 'number' ? error.retryAfterSeconds : null;
  // Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3).
  const header = headers?.get('retry-after')?.trim() ?? '';
  const headerSeconds = /^\d+$/.test(header)
    ? Number(header)
    : header && !Number.isNaN(Date.parse(header))
      ? Math.max(0, Math.ceil((Date.parse(header) - Date.now()) / 1000))
      : null;
  const seconds =
    bodySeconds ??
    headerSeconds ??
    (at ? Math.max(0, Math.ceil((Date.parse(at) - Date.now()) / 1000)) : null);
  const retryAt = at ?? (seconds !== null ? new Date(Date.now() + seconds * 1000).toISOString() : null);
  return {
    ...(retryAt ? { retryAt } : {}),
    ...(seconds !== null && Number.isFinite(seconds) ? { retryAfterSeconds: seconds } : {}),
  };
}

/** Field messages by their first path segment (`username`, `password`), the first one per field. */
export function fieldErrors(failure: ApiFailure): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of failure.issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (field && !(field in fields)) fields[field] = issue.message;
  }
  return fields;
}
