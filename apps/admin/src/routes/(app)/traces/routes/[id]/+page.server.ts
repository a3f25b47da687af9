import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { withQuery } from '$lib/navigation/href';
import { requireRole } from '$lib/server/field-work';
import { recordEntryAction } from '$lib/server/trace-forms';
import { compoundTraces, ID, orError, WRITERS } from '$lib/server/traces';
import type { Actions, PageServerLoad } from './$types';

/**
 * 巡检: one walk of a route on the phone. Each checkpoint is ticked as it is reached; those left
 * unticked are recorded as missed, after a warning naming them and the walker's confirmation.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, WRITERS);
  const compoundId = url.searchParams.get('compound')?.trim() ?? '';
  if (!ID.test(compoundId) || !ID.test(params.id)) error(404, translate(locals.locale, 'errors.notFound'));
  const traces = orError(locals, await compoundTraces(locals.api, compoundId));
  const route = traces.routes.find((r) => r.id === params.id);
  if (!route) error(404, translate(locals.locale, 'errors.notFound'));
  if (!traces.writable) error(403, translate(locals.locale, 'errors.forbidden'));
  return {
    compound: traces.compound,
    route,
    graceHours: traces.graceHours,
    retentionDays: traces.visitorRetentionDays,
  };
};

export const actions: Actions = {
  record: async ({ locals, url, request }) => {
    requireRole(locals, url, WRITERS);
    return recordEntryAction(locals, request, (entry) =>
      withQuery('/traces', { compound: entry.compoundId, done: entry.correctsId ? 'corrected' : 'walked' }),
    );
  },
};
