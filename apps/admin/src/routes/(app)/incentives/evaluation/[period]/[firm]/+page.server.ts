import { loadFailed, requireRole } from '$lib/server/field-work';
import type { PageServerLoad } from './$types';

/** One firm's score explained; a firm reaches only its own (the API answers 404 otherwise). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['admin', 'coordinator', 'firm']);
  const result = await locals.api.call((c) =>
    c.GET('/evaluations/periods/{id}/firms/{firmId}', {
      params: { path: { id: params.period, firmId: params.firm } },
    }),
  );
  if (!result.ok) loadFailed(result.error);
  return { evaluation: result.data };
};
