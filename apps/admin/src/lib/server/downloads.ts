import type { PilotApi } from '@pilot/api-client';
import type { Api, ApiResult, ClientOutcome } from './api';

/**
 * A file the API serves (an archive, a CSV export), passed on to the browser as it comes: the
 * body streams through, and the headers that name and describe the file are kept. The token stays
 * on this server; the browser asks this app, which asks the API as the signed-in user.
 */
export async function passThrough(
  api: Api,
  run: (client: PilotApi) => Promise<ClientOutcome<unknown>>,
  forward: readonly string[],
): Promise<ApiResult<Response>> {
  let headers = new Headers();
  const result = await api.call(async (client) => {
    const outcome = await run(client);
    headers = outcome.response.headers;
    return outcome;
  });
  if (!result.ok) return result;
  const out = new Headers({ 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
  for (const name of forward) {
    const value = headers.get(name);
    if (value) out.set(name, value);
  }
  const body = (result.data ?? null) as ReadableStream<Uint8Array> | null;
  return { ok: true, status: result.status, data: new Response(body, { status: 200, headers: out }) };
}
