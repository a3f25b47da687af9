/*
 * Response headers every answer of the admin carries (the Content-Security-Policy itself is
 * SvelteKit's, from kit.csp in svelte.config.js, because only SvelteKit knows the nonces of the
 * inline scripts it writes into each page).
 */

/**
 * The browser features a page of ours may use: the camera for inspectors' photos (the file input's
 * `capture` opens it; a later in-page camera would need it too), nothing else that reaches the
 * person or the device. Geolocation is off because no screen uses it.
 */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()';

/** A year, the usual HSTS lifetime; subdomains are left to the site's operator to include. */
const HSTS = 'max-age=31536000';

export function securityHeaders(url: URL): Record<string, string> {
  return {
    // An upload served back with a wrong type must not be run as a script or page.
    'x-content-type-options': 'nosniff',
    // Addresses carry ids and filters; other sites we link to need not see them.
    'referrer-policy': 'same-origin',
    // frame-ancestors 'none' in the CSP says the same to current browsers; this, to older ones.
    'x-frame-options': 'DENY',
    'permissions-policy': PERMISSIONS_POLICY,
    // A window this site opens cannot reach back into it, nor one that opened this site.
    'cross-origin-opener-policy': 'same-origin',
    // Only over https: sent over plain http it is ignored, and a test or LAN setup must stay reachable.
    ...(url.protocol === 'https:' ? { 'strict-transport-security': HSTS } : {}),
  };
}

/** Sets the headers a response does not set itself (a route may carry a stricter one of its own). */
export function applySecurityHeaders(headers: Headers, url: URL): void {
  for (const [name, value] of Object.entries(securityHeaders(url))) {
    if (!headers.has(name)) headers.set(name, value);
  }
}
