import { requireSection } from '$lib/server/guard';
import { recordKeeping } from '$lib/server/traces';
import type { PageServerLoad } from './$types';

/**
 * 工作台: one call for every figure, a year of months ending with the current one; beside it
 * 规范操作 as the firms' logbooks show it (痕迹记录), left out quietly when the API has no such figure.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'dashboard');
  const [result, records] = await Promise.all([
    locals.api.call((c) => c.GET('/dashboard', { params: { query: { months: 12 } } })),
    recordKeeping(locals.api),
  ]);
  return result.ok
    ? { dashboard: result.data, recordKeeping: records, failure: null }
    : {
        dashboard: null,
        recordKeeping: null,
        failure: { message: result.error.message, requestId: result.error.requestId ?? null },
      };
};
