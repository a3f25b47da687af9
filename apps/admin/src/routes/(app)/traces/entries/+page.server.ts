import { error } from '@sveltejs/kit';
import { isKind } from '$lib/components/traces/trace-form';
import { translate } from '$lib/i18n';
import { requireSection } from '$lib/server/guard';
import { compoundTraces, ID, logbookEntries, orError } from '$lib/server/traces';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** 全部记录: a compound's logbook entries, newest first, by kind, item or route. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'traces');
  const compoundId = url.searchParams.get('compound')?.trim() ?? '';
  if (!ID.test(compoundId)) error(404, translate(locals.locale, 'errors.notFound'));
  const kind = url.searchParams.get('kind') ?? '';
  const equipmentId = url.searchParams.get('equipmentId') ?? '';
  const routeId = url.searchParams.get('routeId') ?? '';
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const filters = {
    kind: isKind(kind) ? kind : '',
    equipmentId: ID.test(equipmentId) ? equipmentId : '',
    routeId: ID.test(routeId) ? routeId : '',
  };
  const [traces, entries] = await Promise.all([
    compoundTraces(locals.api, compoundId),
    logbookEntries(locals.api, {
      compoundId,
      page,
      pageSize: PAGE_SIZE,
      ...(isKind(kind) ? { kind: [kind] } : {}),
      ...(filters.equipmentId ? { equipmentId: filters.equipmentId } : {}),
      ...(filters.routeId ? { routeId: filters.routeId } : {}),
    }),
  ]);
  const overview = orError(locals, traces);
  return { traces: overview, entries: orError(locals, entries), filters, page, pageSize: PAGE_SIZE };
};
