// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/api/types';
import type { Locale } from '$lib/i18n';
import type { Api } from '$lib/server/api';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** The API's request id or ours, so a user can quote it to support. */
      requestId?: string;
    }
    interface Locals {
      locale: Locale;
      /** The signed-in user (from /auth/me or the refresh answer), or null. */
      user: SessionUser | null;
      /** True when the API could not be asked who the user is (down or timing out). */
      authUnavailable: boolean;
      /** The API as this request's user, in this request's language; the token never leaves the server. */
      api: Api;
    }
    interface PageData {
      locale: Locale;
      user: SessionUser | null;
    }
  }
}

export {};
