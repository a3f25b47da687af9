import { apiBaseUrl } from '$lib/server/api';
import type { PageServerLoad } from './$types';

interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthView {
  reachable: boolean;
  httpStatus?: number;
  status?: 'ok' | 'unavailable';
  checks?: { database: CheckResult; temporal: CheckResult };
  error?: string;
}

async function readHealth(fetcher: typeof fetch, url: string): Promise<HealthView> {
  try {
    const response = await fetcher(url, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as Pick<HealthView, 'status' | 'checks'>;
    return { reachable: true, httpStatus: response.status, ...body };
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export const load: PageServerLoad = async ({ fetch }) => ({
  health: await readHealth(fetch, `${apiBaseUrl()}/health`),
  apiUrl: apiBaseUrl(),
});
