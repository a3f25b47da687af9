import { env } from '$env/dynamic/private';

/** Where the server side of the UI reaches the API; the browser never talks to the API directly. */
export function apiBaseUrl(): string {
  return (env.API_URL ?? 'http://127.0.0.1:3100').replace(/\/$/, '');
}
