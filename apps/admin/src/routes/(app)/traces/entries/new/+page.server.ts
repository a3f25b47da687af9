import { error } from '@sveltejs/kit';
import { isEquipmentKind, isKind, localInputOf, type LogbookKind } from '$lib/components/traces/trace-form';
import { translate } from '$lib/i18n';
import { withQuery } from '$lib/navigation/href';
import { requireRole } from '$lib/server/field-work';
import { recordEntryAction } from '$lib/server/trace-forms';
import { compoundTraces, ID, logbookEntry, orError, WRITERS } from '$lib/server/traces';
import type { Actions, PageServerLoad } from './$types';

/**
 * 新增记录 of the compound's logbooks that are not about one item (访客登记, 验收记录; an item's and a
 * route's have their own pages), and 更正 of any entry: a new entry of the same kind pointing at
 * the old one (`?corrects=`), filled in with what the old one says so only the mistake is changed.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, WRITERS);
  const correctsId = url.searchParams.get('corrects')?.trim() ?? '';
  const corrected = ID.test(correctsId) ? orError(locals, await logbookEntry(locals.api, correctsId)) : null;
  const compoundId = corrected?.compound.id ?? url.searchParams.get('compound')?.trim() ?? '';
  if (!ID.test(compoundId)) error(404, translate(locals.locale, 'errors.notFound'));
  const traces = orError(locals, await compoundTraces(locals.api, compoundId));
  if (!traces.writable) error(403, translate(locals.locale, 'errors.forbidden'));

  const asked = url.searchParams.get('kind') ?? '';
  const equipmentId = corrected?.equipment?.id ?? url.searchParams.get('equipment') ?? '';
  const routeId = corrected?.route?.id ?? url.searchParams.get('route') ?? '';
  let kind: LogbookKind = corrected?.entryKind.code ?? (isKind(asked) ? asked : 'visitor');
  // An item's entry needs its item, a round its route; without them it is a visitor's.
  if (isEquipmentKind(kind) && !traces.equipment.some((e) => e.id === equipmentId)) kind = 'visitor';
  const route = traces.routes.find((r) => r.id === routeId) ?? null;
  if (kind === 'patrol' && !route) kind = 'visitor';

  const values: Record<string, string> = {};
  if (corrected) {
    const copy = {
      summary: corrected.summary,
      technician: corrected.technician,
      result: corrected.result,
      contractor: corrected.contractor,
      work: corrected.work,
      accepterName: corrected.accepterName,
      equipmentId: corrected.equipment?.id ?? null,
      visitorName: corrected.visitor?.name ?? null,
      visitorPhone: corrected.visitor?.phone ?? null,
      visiting: corrected.visitor?.visiting ?? null,
      // A correction describes the same work, so it may keep the old time.
      occurredAt: localInputOf(corrected.occurredAt),
    };
    for (const [name, value] of Object.entries(copy)) if (value) values[name] = value;
  }
  return {
    compound: traces.compound,
    kind,
    corrected,
    values,
    visited: corrected?.visited ?? [],
    equipmentId: isEquipmentKind(kind) ? equipmentId : null,
    route,
    equipment: traces.equipment.map((e) => ({ id: e.id, label: `${e.assetCode} ${e.name}` })),
    graceHours: traces.graceHours,
    retentionDays: traces.visitorRetentionDays,
  };
};

export const actions: Actions = {
  record: async ({ locals, url, request }) => {
    requireRole(locals, url, WRITERS);
    return recordEntryAction(locals, request, (entry) =>
      entry.correctsId
        ? withQuery(`/traces/entries/${encodeURIComponent(entry.id)}`, { done: 'corrected' })
        : withQuery('/traces', { compound: entry.compoundId, done: 'recorded' }),
    );
  },
};
