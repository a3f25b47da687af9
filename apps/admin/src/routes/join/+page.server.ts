import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/server/api';
import { failureText } from '$lib/server/field-work';
import { ID, field, registerResident, reportLinkOf } from '$lib/server/governance';
import type { Actions, PageServerLoad } from './$types';

/**
 * 居民注册: open without an account (a poster's QR code). Anonymous visitors cannot read compounds,
 * so the poster's `?compound=` carries the compound; its name comes back with the application.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, '/');
  const id = url.searchParams.get('compound')?.trim() ?? '';
  const compound = ID.test(id) ? id : '';
  // The name, when this server may read it (it may not for an anonymous visitor: then none).
  const link = compound ? await reportLinkOf(locals.api, compound) : null;
  return { compound, compoundName: link?.ok ? link.data.compoundName : '' };
};

export const actions: Actions = {
  default: async ({ locals, request }) => {
    const form = await request.formData();
    const values = {
      compoundId: field(form, 'compoundId'),
      displayName: field(form, 'displayName'),
      phone: field(form, 'phone'),
      residence: field(form, 'residence'),
      username: field(form, 'username'),
    };
    const result = await registerResident(locals.api, {
      ...values,
      password: String(form.get('password') ?? ''),
    });
    if (!result.ok) {
      const fields = result.error.status === 400 ? fieldErrors(result.error) : {};
      // The password is never sent back to the page.
      return fail(result.error.status >= 400 && result.error.status < 600 ? result.error.status : 500, {
        values,
        fields,
        message: Object.keys(fields).length > 0 ? null : failureText(result.error, locals.locale),
      });
    }
    return { done: result.data.compoundName };
  },
};
