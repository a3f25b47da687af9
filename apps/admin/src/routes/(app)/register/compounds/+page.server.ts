import { apiListQuery, idParam, parseListQuery } from '$lib/components/register/list-query';
import { compoundBody, readCompoundForm } from '$lib/components/register/register-form';
import { translate } from '$lib/i18n';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { allCommunities, allFirms, currentFeatureEffects, registerFailure } from '$lib/server/register';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;

/** The compound form's field names, where the API's issues stand. */
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

/** 台账 · 小区: every compound with its features and pilot, filtered; admins create and deactivate. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'register');
  const isAdmin = locals.user?.role === 'admin';
  const query = parseListQuery(url.searchParams);
  const community = idParam(url.searchParams, 'community');
  const firm = idParam(url.searchParams, 'firm');
  const [compounds, communities, firms, effects] = await Promise.all([
    locals.api.call((c) =>
      c.GET('/compounds', {
        params: {
          query: {
            ...apiListQuery(query, PAGE_SIZE),
            ...(community ? { communityId: community } : {}),
            ...(firm ? { firmId: firm } : {}),
          },
        },
      }),
    ),
    allCommunities(locals.api),
    allFirms(locals.api),
    isAdmin ? currentFeatureEffects(locals.api) : Promise.resolve(null),
  ]);
  const ref = (item: { id: string; name: string; active: boolean }) => ({
    id: item.id,
    name: item.name,
    active: item.active,
  });
  return {
    query,
    community,
    firm,
    compounds: compounds.ok ? compounds.data : null,
    failure: compounds.ok
      ? null
      : { message: compounds.error.message, requestId: compounds.error.requestId ?? null },
    communities: communities.ok ? communities.data.map(ref) : [],
    firms: firms.ok ? firms.data.map(ref) : [],
    effects,
    canEdit: isAdmin,
  };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const values = readCompoundForm(await request.formData());
    const read = compoundBody(values, {
      required: translate(locals.locale, 'register.required'),
      wholeNumber: translate(locals.locale, 'register.wholeNumber'),
    });
    if (!read.ok) return formFailure('create', read.fields, { values });
    const result = await locals.api.call((c) => c.POST('/compounds', { body: read.body }));
    if (!result.ok) return registerFailure('create', result.error, { values }, COMPOUND_FIELDS);
    return { done: { kind: 'created' as const, name: result.data.name } };
  },

  setActive: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const active = text(form, 'active') === 'true';
    const result = await locals.api.call((c) =>
      c.PATCH('/compounds/{id}', { params: { path: { id } }, body: { active } }),
    );
    if (!result.ok) return apiFailure(`active-${id}`, result.error);
    return {
      done: { kind: active ? ('activated' as const) : ('deactivated' as const), name: result.data.name },
    };
  },
};
