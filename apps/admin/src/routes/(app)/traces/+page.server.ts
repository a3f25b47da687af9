import { redirect } from '@sveltejs/kit';
import { buildingsOf, placeIssues } from '$lib/components/traces/trace-form';
import { withQuery } from '$lib/navigation/href';
import { apiFailure } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import {
  assignSteward,
  compoundTraces,
  compoundsFor,
  endSteward,
  ID,
  setRouteActive,
} from '$lib/server/traces';
import { text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const STEWARD_FIELDS = ['userId', 'servedBuildings', 'phone', 'note'];

/**
 * 痕迹记录: pick a compound (a firm's own, every one for the working group, an inspector's pilots'),
 * then its register with each item's next maintenance, the patrol routes with their last round, the
 * stewards, the last 30 days' entries per logbook and 规范操作 per post.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const section = requireSection(locals, url, 'traces');
  const role = locals.user?.role ?? 'resident';
  const compounds = await compoundsFor(locals.api, role);
  const asked = url.searchParams.get('compound')?.trim() ?? '';
  // One compound to choose from is chosen already (a firm serving one compound lands on its records).
  const id = ID.test(asked) ? asked : compounds.length === 1 ? (compounds[0]?.id ?? '') : '';
  const overview = id ? await compoundTraces(locals.api, id) : null;
  return {
    section,
    role,
    compounds,
    compoundId: id,
    traces: overview?.ok ? overview.data : null,
    failure: overview && !overview.ok ? overview.error.message : null,
    flash: url.searchParams.get('done'),
  };
};

const back = (compoundId: string, done: string) => withQuery('/traces', { compound: compoundId, done });

export const actions: Actions = {
  assignSteward: async ({ locals, url, request }) => {
    requireSection(locals, url, 'traces');
    const form = await request.formData();
    const values = {
      compoundId: text(form, 'compoundId'),
      userId: text(form, 'userId'),
      servedBuildings: text(form, 'servedBuildings'),
      phone: text(form, 'phone'),
      note: text(form, 'note'),
    };
    const result = await assignSteward(locals.api, {
      compoundId: values.compoundId,
      userId: values.userId,
      servedBuildings: buildingsOf(values.servedBuildings),
      phone: values.phone,
      note: values.note === '' ? null : values.note,
    });
    if (!result.ok)
      return apiFailure('steward', result.error, values, placeIssues(result.error.issues, STEWARD_FIELDS));
    redirect(303, back(values.compoundId, 'stewardAssigned'));
  },
  endSteward: async ({ locals, url, request }) => {
    requireSection(locals, url, 'traces');
    const form = await request.formData();
    const id = text(form, 'stewardId');
    const result = await endSteward(locals.api, id);
    if (!result.ok) return apiFailure(`steward-${id}`, result.error);
    redirect(303, back(text(form, 'compoundId'), 'stewardEnded'));
  },
  routeActive: async ({ locals, url, request }) => {
    requireSection(locals, url, 'traces');
    const form = await request.formData();
    const id = text(form, 'routeId');
    const result = await setRouteActive(locals.api, id, text(form, 'active') === 'true');
    if (!result.ok) return apiFailure(`route-${id}`, result.error);
    redirect(303, back(text(form, 'compoundId'), 'routeChanged'));
  },
};
