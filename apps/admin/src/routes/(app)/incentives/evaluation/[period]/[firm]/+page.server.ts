import { loadFailed, requireRole } from '$lib/server/field-work';
import type { PageServerLoad } from './$types';

/**
 * One firm's score explained, with its 红榜 / 黑榜 listings and its other published periods: this
 * is the firm's own page. A firm reaches only its own (the API answers 404 otherwise).
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['admin', 'coordinator', 'firm']);
  const [result, history] = await Promise.all([
    locals.api.call((c) =>
      c.GET('/evaluations/periods/{id}/firms/{firmId}', {
        params: { path: { id: params.period, firmId: params.firm } },
      }),
    ),
    locals.api.call((c) =>
      c.GET('/evaluations/firms/{firmId}', { params: { path: { firmId: params.firm } } }),
    ),
  ]);
  if (!result.ok) loadFailed(result.error);
  if (!history.ok) loadFailed(history.error);
  return { evaluation: result.data, history: history.data };
};
