import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { setFlash, takeFlash } from './flash';

/** A cookie jar in memory: the part of SvelteKit's Cookies these functions use. */
function jar() {
  const values = new Map<string, string>();
  const cookies = {
    get: (name: string) => values.get(name),
    set: (name: string, value: string) => void values.set(name, value),
    delete: (name: string) => void values.delete(name),
  } as unknown as Cookies; // get/set/delete are all that flash.ts calls
  return { cookies, values };
}

describe('one-time notices', () => {
  it('is read once, then gone', () => {
    const { cookies } = jar();
    const url = new URL('http://admin.test/account/password');
    setFlash(cookies, url, 'passwordChanged');
    expect(takeFlash(cookies, url)).toBe('passwordChanged');
    expect(takeFlash(cookies, url)).toBeNull();
  });

  it('ignores and clears a value it does not know', () => {
    const { cookies, values } = jar();
    values.set('pilot_flash', '<script>');
    expect(takeFlash(cookies, new URL('http://admin.test/'))).toBeNull();
    expect(values.size).toBe(0);
  });
});
