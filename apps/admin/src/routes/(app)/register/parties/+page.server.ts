import { PARTY_KINDS } from '@pilot/domain';
import type { Ref } from '$lib/api/pilot-types';
import { translate } from '$lib/i18n';
import { allCompounds } from '$lib/server/directory';
import { failureText } from '$lib/server/field-work';
import { ID, apiRefuse, field, refuse, textValues } from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** 联动单位: every unit, active or not (admins keep them; coordinators read them). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'register');
  const [parties, compounds] = await Promise.all([
    locals.api.call((c) => c.GET('/parties')),
    allCompounds(locals.api),
  ]);
  const communities = new Map<string, Ref>();
  for (const compound of compounds.ok ? compounds.data : [])
    communities.set(compound.community.id, compound.community);
  return {
    canEdit: locals.user?.role === 'admin',
    parties: parties.ok ? parties.data.items.toSorted((a, b) => a.code.localeCompare(b.code)) : [],
    failure: parties.ok ? null : failureText(parties.error, locals.locale),
    communities: [...communities.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
};

/** The unit's fields from a form; a required one left empty is named. */
function bodyOf(form: FormData, locale: App.Locals['locale']) {
  const required = translate(locale, 'governance.required');
  const kind = PARTY_KINDS.find((known) => known === field(form, 'kind'));
  const code = field(form, 'code');
  const name = field(form, 'name');
  const fields: Record<string, string> = {};
  if (!code) fields.code = required;
  if (!name) fields.name = required;
  if (!kind) fields.kind = required;
  if (!kind || Object.keys(fields).length > 0) return { ok: false as const, fields };
  return {
    ok: true as const,
    body: {
      code,
      name,
      kind,
      communityId: field(form, 'communityId') || null,
      contactName: field(form, 'contactName') || null,
      contactPhone: field(form, 'contactPhone') || null,
    },
  };
}

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    requireSection(locals, url, 'register');
    const form = await request.formData();
    const built = bodyOf(form, locals.locale);
    if (!built.ok) return refuse('create', 400, null, built.fields, textValues(form));
    const result = await locals.api.call((c) => c.POST('/parties', { body: built.body }));
    if (!result.ok) return apiRefuse('create', result.error, locals.locale, textValues(form));
    return { saved: result.data.id };
  },
  update: async ({ locals, url, request }) => {
    requireSection(locals, url, 'register');
    const form = await request.formData();
    const id = field(form, 'id');
    if (!ID.test(id)) return refuse('update', 400, null);
    const built = bodyOf(form, locals.locale);
    if (!built.ok) return refuse(`update:${id}`, 400, null, built.fields, textValues(form));
    const result = await locals.api.call((c) =>
      c.PATCH('/parties/{id}', { params: { path: { id } }, body: built.body }),
    );
    if (!result.ok) return apiRefuse(`update:${id}`, result.error, locals.locale, textValues(form));
    return { saved: id };
  },
  active: async ({ locals, url, request }) => {
    requireSection(locals, url, 'register');
    const form = await request.formData();
    const id = field(form, 'id');
    if (!ID.test(id)) return refuse('active', 400, null);
    const result = await locals.api.call((c) =>
      c.PATCH('/parties/{id}', {
        params: { path: { id } },
        body: { active: field(form, 'active') === 'true' },
      }),
    );
    if (!result.ok) return apiRefuse(`update:${id}`, result.error, locals.locale);
    return { saved: id };
  },
};
