import { error } from '@sveltejs/kit';
import { DEFAULT_LOGBOOK_GRACE_HOURS } from '@pilot/domain';
import { isEquipmentKind } from '$lib/components/traces/trace-form';
import { translate } from '$lib/i18n';
import { withQuery } from '$lib/navigation/href';
import { requireSection } from '$lib/server/guard';
import { recordEntryAction } from '$lib/server/trace-forms';
import { compoundTraces, equipmentRecord, ID, orError } from '$lib/server/traces';
import type { Actions, PageServerLoad } from './$types';

/**
 * What an equipment label's QR code opens on a phone: the item (its person responsible to call, the
 * contractor, the intervals, the next maintenance), its latest entries, and for the compound's firm
 * a quick form for a reading, a maintenance visit or an inspection round (`?kind=` picks which).
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'traces');
  if (!ID.test(params.id)) error(404, translate(locals.locale, 'errors.notFound'));
  const record = orError(locals, await equipmentRecord(locals.api, params.id));
  const asked = url.searchParams.get('kind') ?? '';
  const kind = isEquipmentKind(asked)
    ? asked
    : record.equipment.inspectionIntervalDays !== null
      ? 'inspection'
      : 'maintenance';
  // The firm's form states how far back an entry may be dated (the deployment's grace).
  const overview = record.writable ? await compoundTraces(locals.api, record.equipment.compound.id) : null;
  return {
    record,
    kind,
    role: locals.user?.role ?? 'resident',
    graceHours: overview?.ok ? overview.data.graceHours : DEFAULT_LOGBOOK_GRACE_HOURS,
    retentionDays: overview?.ok ? overview.data.visitorRetentionDays : 0,
    flash: url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  record: async ({ locals, url, request, params }) => {
    requireSection(locals, url, 'traces');
    // Back on the same kind: the next reading of a round is usually of the same sort.
    const kind = url.searchParams.get('kind') ?? '';
    return recordEntryAction(locals, request, (entry) =>
      withQuery(`/traces/equipment/${encodeURIComponent(params.id)}`, {
        kind: isEquipmentKind(kind) ? kind : null,
        done: entry.correctsId ? 'corrected' : 'recorded',
      }),
    );
  },
};
