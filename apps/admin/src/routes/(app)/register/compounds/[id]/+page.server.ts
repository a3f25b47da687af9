import { error } from '@sveltejs/kit';
import {
  compoundBody,
  compoundChanges,
  compoundValuesOf,
  readCompoundForm,
} from '$lib/components/register/register-form';
import { translate } from '$lib/i18n';
import { loadFailed } from '$lib/server/field-work';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { allCommunities, allFirms, currentFeatureEffects, registerFailure } from '$lib/server/register';
import type { Actions, PageServerLoad } from './$types';

const COMPOUND_FIELDS = [
  'name',
  'communityId',
  'firmId',
  'address',
  'households',
  'buildings',
  'yearBuilt',
  'liftCount',
  'hasFireControlRoom',
  'hasSecondaryWaterSupply',
  'hasUndergroundGarage',
  'hasEvChargingArea',
  'hasSepticTank',
];

/** 小区台账记录: one compound's register record; admins edit it, hand it over or deactivate it. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'register');
  const isAdmin = locals.user?.role === 'admin';
  const record = await locals.api.call((c) =>
    c.GET('/compounds/{id}/record', { params: { path: { id: params.id } } }),
  );
  if (!record.ok) {
    if (record.error.status === 404) error(404, translate(locals.locale, 'errors.notFound'));
    loadFailed(record.error);
  }
  const [listed, communities, firms, effects] = await Promise.all([
    // The record has no pilot; the list row of the same compound says whether one runs.
    locals.api.call((c) =>
      c.GET('/compounds', {
        params: { query: { q: record.data.name, communityId: record.data.community.id, pageSize: 100 } },
      }),
    ),
    isAdmin ? allCommunities(locals.api) : null,
    isAdmin ? allFirms(locals.api) : null,
    isAdmin ? currentFeatureEffects(locals.api) : Promise.resolve(null),
  ]);
  const row = listed.ok ? listed.data.items.find((item) => item.id === params.id) : undefined;
  // The current community and firm stay offered even when deactivated, so saving other fields works.
  const options = (items: Array<{ id: string; name: string; active: boolean }>, current: string) =>
    items.filter((item) => item.active || item.id === current).map(({ id, name }) => ({ id, name }));
  return {
    record: record.data,
    values: compoundValuesOf(record.data),
    pilot: row?.pilot ?? null,
    isDemonstration: row?.isDemonstration ?? false,
    communities: communities?.ok ? options(communities.data, record.data.community.id) : [],
    firms: firms?.ok ? options(firms.data, record.data.firm.id) : [],
    effects,
    canEdit: isAdmin,
  };
};

export const actions: Actions = {
  save: async ({ request, locals, params }) => {
    const values = readCompoundForm(await request.formData());
    const read = compoundBody(values, {
      required: translate(locals.locale, 'register.required'),
      wholeNumber: translate(locals.locale, 'register.wholeNumber'),
    });
    if (!read.ok) return formFailure('save', read.fields, { values });
    const current = await locals.api.call((c) =>
      c.GET('/compounds/{id}/record', { params: { path: { id: params.id } } }),
    );
    if (!current.ok) return apiFailure('save', current.error, { values });
    const patch = compoundChanges(read.body, current.data);
    if (Object.keys(patch).length === 0)
      return { done: { kind: 'unchanged' as const, name: current.data.name } };
    const result = await locals.api.call((c) =>
      c.PATCH('/compounds/{id}', { params: { path: { id: params.id } }, body: patch }),
    );
    if (!result.ok) return registerFailure('save', result.error, { values }, COMPOUND_FIELDS);
    return { done: { kind: 'updated' as const, name: result.data.name } };
  },

  setActive: async ({ request, locals, params }) => {
    const form = await request.formData();
    const active = text(form, 'active') === 'true';
    const result = await locals.api.call((c) =>
      c.PATCH('/compounds/{id}', { params: { path: { id: params.id } }, body: { active } }),
    );
    if (!result.ok) return apiFailure(`active-${params.id}`, result.error);
    return {
      done: { kind: active ? ('activated' as const) : ('deactivated' as const), name: result.data.name },
    };
  },
};
