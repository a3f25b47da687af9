export type QueryValue = string | number | boolean | null | undefined;

/**
 * A pathname with a query string, for `resolve()`: `resolve(withQuery('/pilots', { stars: 4 }))`.
 * Empty values are left out, so a filter form's blank fields do not clutter the address. resolve()
 * keeps the query as it is and adds the base path, like for any other pathname.
 */
export function withQuery<P extends `/${string}`>(
  path: P,
  query: Record<string, QueryValue>,
): P | `${P}?${string}` {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
