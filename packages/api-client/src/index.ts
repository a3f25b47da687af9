/**
 * @pilot/api-client — the pilot API with its types, for the admin UI's server code (SvelteKit load
 * functions and actions) and scripts. Types come from the API's OpenAPI document, so a route or
 * response shape that changes there is a compile error here.
 */
import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type MethodResponse,
  type Middleware,
} from 'openapi-fetch';
import type { components, operations, paths } from './generated/openapi.js';

export type { components, operations, paths };

export type PilotApiLocale = 'zh-CN' | 'en';

export interface PilotApiOptions {
  /** Where the API listens, e.g. `http://127.0.0.1:3100` (the admin server's API_URL). */
  baseUrl: string;
  /**
   * The session's bearer token from `POST /auth/login`, or a function that returns the current one
   * (read on every request, so a rotated token is picked up). Omit for public routes.
   */
  token?: string | null | (() => string | null | undefined);
  /** Language of messages and CSV headers; the API answers zh-CN unless told `en`. */
  locale?: PilotApiLocale;
  /** SvelteKit's `fetch` from a load function or action; the global fetch otherwise. */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers on every request (e.g. a forwarded `x-request-id`). */
  headers?: Record<string, string>;
}

export type PilotApi = Client<paths>;

/** The success body of `method` on `path`, e.g. `ResponseOf<'get', '/dashboard'>`. */
export type ResponseOf<
  Method extends 'get' | 'post' | 'put' | 'patch' | 'delete',
  Path extends ClientPathsWithMethod<PilotApi, Method>,
> = MethodResponse<PilotApi, Method, Path>;

// Names for the shapes screens use most; each is whatever the API's document says it is.
export type Dashboard = ResponseOf<'get', '/dashboard'>;
export type Chart = Dashboard['funnel']['byStage'];
export type ChartSeries = Chart['series'][number];
export type CatalogueVersionPage = ResponseOf<'get', '/catalogue/versions'>;
export type CatalogueVersionDetail = ResponseOf<'get', '/catalogue/versions/{id}'>;
export type AuditPage = ResponseOf<'get', '/audit'>;
export type AuditChainCheck = ResponseOf<'get', '/audit/verify'>;
export type ArchivePage = ResponseOf<'get', '/archives'>;

/** The API's one error shape (400 issues per field, 409 reasons of the rule that refused). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string; zh: string; en: string }>;
    [detail: string]: unknown;
  };
}

/** A call that did not succeed, with the API's error body when it sent one. */
export class PilotApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.error.message ?? `the API answered ${status}`);
    this.name = 'PilotApiError';
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: unknown } | null)?.error;
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}

/**
 * The data of a successful call, or a PilotApiError carrying the status and error body:
 * `const dashboard = unwrap(await api.GET('/dashboard', { params: { query: { months: 6 } } }))`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  if (result.response.ok && result.response.status === 204) return undefined as T;
  throw new PilotApiError(result.response.status, isErrorBody(result.error) ? result.error : null);
}

/** Sets the bearer token and language on each request, so a token getter is read per call. */
function sessionHeaders(options: PilotApiOptions): Middleware {
  return {
    onRequest({ request }) {
      const token = typeof options.token === 'function' ? options.token() : options.token;
      if (token && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${token}`);
      if (options.locale && !request.headers.has('accept-language')) {
        request.headers.set('accept-language', options.locale);
      }
      return request;
    },
  };
}

/**
 * A typed client of the pilot API:
 * ```ts
 * const api = createPilotApi({ baseUrl: env.API_URL, token: locals.token, locale: 'zh-CN', fetch });
 * const { data } = await api.GET('/catalogue/versions/{id}', { params: { path: { id: '2024.1' } } });
 * const csv = await api.GET('/exports/pilots.csv', { parseAs: 'stream' });
 * ```
 */
export function createPilotApi(options: PilotApiOptions): PilotApi {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  client.use(sessionHeaders(options));
  return client;
}
