import { apiListQuery, parseListQuery } from '$lib/components/register/list-query';
import { communityChanges, readCommunityForm } from '$lib/components/register/register-form';
import { apiFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { registerFailure } from '$lib/server/register';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const FIELDS = ['communityCode', 'name', 'subdistrict'];

/** 台账 · 社区: the subdistrict's communities with their codes and compound counts. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'register');
  const query = parseListQuery(url.searchParams);
  const communities = await locals.api.call((c) =>
    c.GET('/communities', { params: { query: apiListQuery(query, PAGE_SIZE) } }),
  );
  return {
    query,
    communities: communities.ok ? communities.data : null,
    failure: communities.ok
      ? null
      : { message: communities.error.message, requestId: communities.error.requestId ?? null },
    canEdit: locals.user?.role === 'admin',
  };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const values = readCommunityForm(await request.formData());
    const result = await locals.api.call((c) => c.POST('/communities', { body: values }));
    if (!result.ok) return registerFailure('create', result.error, { values }, FIELDS);
    return { done: { kind: 'created' as const, name: result.data.name } };
  },

  save: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const values = readCommunityForm(form);
    // The row's values as the page showed them: only what the admin changed there is sent (and audited).
    const patch = communityChanges(values, {
      code: text(form, 'originalCode'),
      name: text(form, 'originalName'),
      subdistrict: text(form, 'originalSubdistrict'),
    });
    if (Object.keys(patch).length === 0) return { done: { kind: 'unchanged' as const, name: values.name } };
    const result = await locals.api.call((c) =>
      c.PATCH('/communities/{id}', { params: { path: { id } }, body: patch }),
    );
    if (!result.ok) return registerFailure(`edit-${id}`, result.error, { values }, FIELDS);
    return { done: { kind: 'updated' as const, name: result.data.name } };
  },

  setActive: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const active = text(form, 'active') === 'true';
    const result = await locals.api.call((c) =>
      c.PATCH('/communities/{id}', { params: { path: { id } }, body: { active } }),
    );
    if (!result.ok) return apiFailure(`active-${id}`, result.error);
    return {
      done: { kind: active ? ('activated' as const) : ('deactivated' as const), name: result.data.name },
    };
  },
};
