import { error, redirect } from '@sveltejs/kit';
import {
  checkpointField,
  checkpointRows,
  checkpointsOf,
  isStaffRole,
  placeIssues,
  reader,
} from '$lib/components/traces/trace-form';
import { translate } from '$lib/i18n';
import { withQuery } from '$lib/navigation/href';
import { apiFailure } from '$lib/server/forms';
import { requireRole } from '$lib/server/field-work';
import {
  compoundTraces,
  createRoute,
  ID,
  keyPartChoices,
  orError,
  WRITERS,
  type PatrolRouteBody,
} from '$lib/server/traces';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['name', 'staffRole', 'intervalDays', 'checkpoints'];

/** 新建巡检路线: the firm's own round over checkpoints (key parts and the places between them). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, WRITERS);
  const id = url.searchParams.get('compound')?.trim() ?? '';
  if (!ID.test(id)) error(404, translate(locals.locale, 'errors.notFound'));
  const traces = orError(locals, await compoundTraces(locals.api, id));
  if (!traces.writable) error(403, translate(locals.locale, 'errors.forbidden'));
  return { compound: traces.compound, keyParts: keyPartChoices() };
};

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    requireRole(locals, url, WRITERS);
    const form = await request.formData();
    const read = reader(form);
    const rows = checkpointRows(form);
    const { checkpoints, rowOf } = checkpointsOf(rows);
    const values = { name: read('name'), staffRole: read('staffRole'), intervalDays: read('intervalDays') };
    const role = values.staffRole;
    const interval = /^\d+$/.test(values.intervalDays) ? Number(values.intervalDays) : values.intervalDays;
    const body = {
      compoundId: read('compoundId'),
      name: values.name,
      staffRole: isStaffRole(role) ? role : (role as PatrolRouteBody['staffRole']),
      ...(values.intervalDays !== '' ? { intervalDays: interval as number } : {}),
      checkpoints,
    } satisfies PatrolRouteBody;
    const result = await createRoute(locals.api, body);
    if (!result.ok) {
      const placed = placeIssues(result.error.issues, FIELDS, (path) => checkpointField(path, rowOf));
      return apiFailure('route', result.error, { values, rows }, placed);
    }
    redirect(303, withQuery('/traces', { compound: body.compoundId, done: 'routeCreated' }));
  },
};
