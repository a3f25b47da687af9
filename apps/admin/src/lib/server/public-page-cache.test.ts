import { describe, expect, it } from 'vitest';
import { PublicPageCache, PUBLIC_PAGE_TTL_MS } from './public-page-cache';

const page = (nonce: string, headers: Record<string, string> = {}) =>
  new Response(`<html><script nonce="${nonce}">start()</script><p>锦水街道</p></html>`, {
    status: 200,
    headers: {
      'content-type': 'text/html',
      'content-security-policy': `script-src 'self' 'nonce-${nonce}'`,
      ...headers,
    },
  });
const request = {
  method: 'GET',
  pathname: '/public/锦水街道',
  search: '',
  locale: 'zh-CN',
  hasSession: false,
};

describe('the public page cache', () => {
  it('answers only anonymous GETs of a public page, per language', () => {
    const cache = new PublicPageCache();
    expect(cache.keyOf(request)).not.toBeNull();
    expect(cache.keyOf({ ...request, locale: 'en' })).not.toBe(cache.keyOf(request));
    expect(cache.keyOf({ ...request, hasSession: true })).toBeNull();
    expect(cache.keyOf({ ...request, method: 'POST' })).toBeNull();
    expect(cache.keyOf({ ...request, pathname: '/public/锦水街道/__data.json' })).toBeNull();
    expect(cache.keyOf({ ...request, pathname: '/pilots' })).toBeNull();
  });

  it('serves a copy with a fresh nonce in the page and the policy alike, until the copy is too old', async () => {
    let n = 0;
    const cache = new PublicPageCache(PUBLIC_PAGE_TTL_MS, () => `fresh-nonce-number-${++n}`);
    const key = cache.keyOf(request)!;
    const first = await cache.put(key, page('original-nonce-0001'), 1_000);
    expect(await first.text()).toContain('original-nonce-0001');

    const copy = cache.get(key, 3_500)!;
    const html = await copy.text();
    expect(html).toContain('nonce="fresh-nonce-number-1"');
    expect(html).not.toContain('original-nonce-0001');
    expect(copy.headers.get('content-security-policy')).toBe(
      "script-src 'self' 'nonce-fresh-nonce-number-1'",
    );
    expect(copy.headers.get('age')).toBe('2');
    // Each visitor their own nonce.
    expect(await cache.get(key, 3_600)!.text()).toContain('fresh-nonce-number-2');
    expect(cache.get(key, 1_000 + PUBLIC_PAGE_TTL_MS)).toBeNull();
  });

  it('keeps nothing private, failed or cookie-setting', async () => {
    const cache = new PublicPageCache();
    const key = cache.keyOf(request)!;
    await cache.put(key, page('nonce-private-00001', { 'cache-control': 'private, no-store' }), 0);
    await cache.put(key, page('nonce-cookie-000001', { 'set-cookie': 'a=b' }), 0);
    await cache.put(key, new Response('down', { status: 503, headers: { 'content-type': 'text/html' } }), 0);
    expect(cache.get(key, 1)).toBeNull();
  });
});
