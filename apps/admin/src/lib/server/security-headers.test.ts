import { describe, expect, it } from 'vitest';
import { applySecurityHeaders, securityHeaders } from './security-headers';

describe('security headers', () => {
  it('sends nosniff, same-origin referrers, no framing and few browser features on every answer', () => {
    const headers = securityHeaders(new URL('http://127.0.0.1:3000/tasks'));
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
    });
    // The camera for inspectors' photos; geolocation and the rest off.
    expect(headers['permissions-policy']).toContain('camera=(self)');
    expect(headers['permissions-policy']).toContain('geolocation=()');
    expect(headers['permissions-policy']).toContain('microphone=()');
  });

  it('asks for https from now on only when the request came over https', () => {
    expect(securityHeaders(new URL('http://admin.test/'))).not.toHaveProperty('strict-transport-security');
    expect(securityHeaders(new URL('https://admin.test/'))['strict-transport-security']).toMatch(
      /^max-age=\d{7,}/,
    );
  });

  it("leaves a route's own stricter header in place", () => {
    const headers = new Headers({ 'x-frame-options': 'SAMEORIGIN', 'content-type': 'image/png' });
    applySecurityHeaders(headers, new URL('http://admin.test/evidence/e1'));
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  });
});
