import { apiListQuery, parseListQuery } from '$lib/components/register/list-query';
import { FIRM_FIELDS, readFirmForm } from '$lib/components/register/register-form';
import { apiFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { registerFailure } from '$lib/server/register';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 25;

/** 台账 · 物业企业: the firm directory with credit codes, contacts and what depends on each firm. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'register');
  const query = parseListQuery(url.searchParams);
  const firms = await locals.api.call((c) =>
    c.GET('/firms', { params: { query: apiListQuery(query, PAGE_SIZE) } }),
  );
  return {
    query,
    firms: firms.ok ? firms.data : null,
    failure: firms.ok ? null : { message: firms.error.message, requestId: firms.error.requestId ?? null },
    canEdit: locals.user?.role === 'admin',
  };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const values = readFirmForm(await request.formData());
    // Blank optional fields go as '' and the API stores null; required ones it names when blank.
    const result = await locals.api.call((c) => c.POST('/firms', { body: values }));
    if (!result.ok) return registerFailure('create', result.error, { values }, FIRM_FIELDS);
    return { done: { kind: 'created' as const, name: result.data.name } };
  },

  setActive: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const active = text(form, 'active') === 'true';
    const result = await locals.api.call((c) =>
      c.PATCH('/firms/{id}', { params: { path: { id } }, body: { active } }),
    );
    if (!result.ok) return apiFailure(`active-${id}`, result.error);
    return {
      done: { kind: active ? ('activated' as const) : ('deactivated' as const), name: result.data.name },
    };
  },
};
