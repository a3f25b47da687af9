/*
 * The public page (信息公开, /public/<subdistrict>) is the one residents share, so many people open
 * it at once; rendering it on the server for each costs far more than its data (the API serves that
 * from memory). Visitors without a session get a copy rendered at most a few seconds ago — less
 * than the minute the page already lets browsers and proxies keep it. Signed-in users never do:
 * their pages are private.
 *
 * SvelteKit writes a fresh CSP nonce into every page and its header. A copy must not hand the same
 * nonce to everyone, so each answer from the cache carries a new one in both places.
 */
import { randomBytes } from 'node:crypto';

/** How long a rendered copy is served (well inside the page's own max-age=60). */
export const PUBLIC_PAGE_TTL_MS = 10_000;
/** Pages kept: one per subdistrict and language is all a county has. */
const MAX_ENTRIES = 64;
const PAGE = /^\/public\/[^/]+\/?$/;
const NONCE = /'nonce-([A-Za-z0-9+/=_-]{16,})'/;

interface Entry {
  at: number;
  status: number;
  headers: Array<[string, string]>;
  body: string;
  nonce: string | null;
}

export interface PublicPageRequest {
  method: string;
  pathname: string;
  search: string;
  locale: string;
  /** Any session cookie at all, valid or not: such a visitor is answered by the page itself. */
  hasSession: boolean;
}

const replaceAll = (text: string, from: string, to: string) => text.split(from).join(to);

export class PublicPageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = PUBLIC_PAGE_TTL_MS,
    private readonly newNonce = () => randomBytes(16).toString('base64'),
  ) {}

  /** The cache key, or null when this request is not one the cache answers. */
  keyOf(request: PublicPageRequest): string | null {
    if (request.method !== 'GET' || request.hasSession || !PAGE.test(request.pathname)) return null;
    return `${request.locale} ${request.pathname}${request.search}`;
  }

  /** A copy of a page rendered less than the TTL ago, with a nonce of its own. */
  get(key: string, now: number): Response | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (now - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return null;
    }
    const nonce = entry.nonce ? this.newNonce() : null;
    const swap = (text: string) => (entry.nonce && nonce ? replaceAll(text, entry.nonce, nonce) : text);
    const headers = new Headers(entry.headers.map(([name, value]): [string, string] => [name, swap(value)]));
    headers.set('age', String(Math.floor((now - entry.at) / 1000)));
    return new Response(swap(entry.body), { status: entry.status, headers });
  }

  /**
   * Keeps a rendered page (a 200 HTML answer meant for anyone) and hands back an answer with the
   * same content, since reading the body uses the original up.
   */
  async put(key: string, response: Response, now: number): Promise<Response> {
    const type = response.headers.get('content-type') ?? '';
    const shareable =
      !/private|no-store/.test(response.headers.get('cache-control') ?? '') &&
      !response.headers.has('set-cookie');
    if (response.status !== 200 || !type.startsWith('text/html') || !shareable) return response;
    const body = await response.text();
    const headers = [...response.headers.entries()];
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = NONCE.exec(csp)?.[1] ?? null;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { at: now, status: response.status, headers, body, nonce });
    return new Response(body, { status: response.status, headers: response.headers });
  }
}
