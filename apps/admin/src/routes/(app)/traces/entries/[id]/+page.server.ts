import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requireSection } from '$lib/server/guard';
import { compoundTraces, ID, logbookEntry, orError } from '$lib/server/traces';
import type { PageServerLoad } from './$types';

/** One logbook entry as recorded, with what it corrects and what corrects it (an inspector's citation opens this). */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'traces');
  if (!ID.test(params.id)) error(404, translate(locals.locale, 'errors.notFound'));
  const entry = orError(locals, await logbookEntry(locals.api, params.id));
  // A round's checkpoints are named on its route.
  const traces = entry.route ? await compoundTraces(locals.api, entry.compound.id) : null;
  const route = traces?.ok ? (traces.data.routes.find((r) => r.id === entry.route?.id) ?? null) : null;
  return {
    entry,
    route,
    writable: locals.user?.role === 'firm',
    corrected: url.searchParams.get('done') === 'corrected',
  };
};
