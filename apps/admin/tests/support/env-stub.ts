/** `$env/dynamic/private` for unit tests run without SvelteKit: the process environment. */
export const env: Record<string, string | undefined> = process.env;
