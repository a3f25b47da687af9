import type { Ref } from '$lib/api/pilot-types';
import { allCompounds } from '$lib/server/directory';
import { idempotencyKey } from '$lib/server/forms';
import { requireRole } from '$lib/server/field-work';
import { requireSection } from '$lib/server/guard';
import { reportAction } from '$lib/server/matter-forms';
import type { Actions, PageServerLoad } from './$types';

/** 登记事项: the coordinator records a 12345 ticket, a phone call or a reception-day problem. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'matters');
  requireRole(locals, url, ['coordinator']);
  const compounds = await allCompounds(locals.api);
  const id = url.searchParams.get('compound');
  const list = compounds.ok ? compounds.data.map((c): Ref => ({ id: c.id, name: c.name })) : [];
  return { compounds: list, compound: list.find((c) => c.id === id) ?? null, formKey: idempotencyKey() };
};

export const actions: Actions = {
  report: async ({ locals, url, request }) => {
    requireRole(locals, url, ['coordinator']);
    return reportAction(locals, request, true);
  },
};
