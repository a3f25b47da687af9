import { error } from '@sveltejs/kit';
import { FIRM_FIELDS, firmChanges, firmValuesOf, readFirmForm } from '$lib/components/register/register-form';
import { translate } from '$lib/i18n';
import { loadFailed } from '$lib/server/field-work';
import { apiFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { registerFailure } from '$lib/server/register';
import type { Actions, PageServerLoad } from './$types';

/** 物业企业: one firm of the directory; admins edit its credit code and contacts, or deactivate it. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'register');
  const firm = await locals.api.call((c) => c.GET('/firms/{id}', { params: { path: { id: params.id } } }));
  if (!firm.ok) {
    if (firm.error.status === 404) error(404, translate(locals.locale, 'errors.notFound'));
    loadFailed(firm.error);
  }
  return { firm: firm.data, values: firmValuesOf(firm.data), canEdit: locals.user?.role === 'admin' };
};

export const actions: Actions = {
  save: async ({ request, locals, params }) => {
    const values = readFirmForm(await request.formData());
    const current = await locals.api.call((c) =>
      c.GET('/firms/{id}', { params: { path: { id: params.id } } }),
    );
    if (!current.ok) return apiFailure('save', current.error, { values });
    const patch = firmChanges(values, current.data);
    if (Object.keys(patch).length === 0)
      return { done: { kind: 'unchanged' as const, name: current.data.name } };
    const result = await locals.api.call((c) =>
      c.PATCH('/firms/{id}', { params: { path: { id: params.id } }, body: patch }),
    );
    if (!result.ok) return registerFailure('save', result.error, { values }, FIRM_FIELDS);
    return { done: { kind: 'updated' as const, name: result.data.name } };
  },

  setActive: async ({ request, locals, params }) => {
    const form = await request.formData();
    const active = text(form, 'active') === 'true';
    const result = await locals.api.call((c) =>
      c.PATCH('/firms/{id}', { params: { path: { id: params.id } }, body: { active } }),
    );
    if (!result.ok) return apiFailure(`active-${params.id}`, result.error);
    return {
      done: { kind: active ? ('activated' as const) : ('deactivated' as const), name: result.data.name },
    };
  },
};
