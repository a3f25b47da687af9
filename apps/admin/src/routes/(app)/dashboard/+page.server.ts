import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** 工作台: one call for every figure, a year of months ending with the current one. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'dashboard');
  const result = await locals.api.call((c) => c.GET('/dashboard', { params: { query: { months: 12 } } }));
  return result.ok
    ? { dashboard: result.data, failure: null }
    : {
        dashboard: null,
        failure: { message: result.error.message, requestId: result.error.requestId ?? null },
      };
};
