import type { Ref } from '$lib/api/pilot-types';
import { instantOf } from '$lib/components/governance/phase';
import { translate } from '$lib/i18n';
import { allCompounds } from '$lib/server/directory';
import { failureText } from '$lib/server/field-work';
import {
  MONTH,
  apiRefuse,
  createMeeting,
  field,
  listMeetings,
  refuse,
  textValues,
} from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** 四方联席: the meetings the caller may see (a resident: their community's), newest month first. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'governance');
  const role = locals.user?.role ?? 'resident';
  const canCreate = role === 'coordinator' || role === 'admin';
  const [list, compounds] = await Promise.all([
    listMeetings(locals.api, {}),
    canCreate ? allCompounds(locals.api) : Promise.resolve(null),
  ]);
  const communities = new Map<string, Ref>();
  for (const compound of compounds?.ok ? compounds.data : [])
    communities.set(compound.community.id, compound.community);
  return {
    role,
    canCreate,
    list: list.ok ? list.data : null,
    failure: list.ok ? null : failureText(list.error, locals.locale),
    denied: !list.ok && list.error.status === 403,
    communities: [...communities.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
};

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    requireSection(locals, url, 'governance');
    const form = await request.formData();
    const values = textValues(form);
    const required = translate(locals.locale, 'governance.required');
    const fields: Record<string, string> = {};
    const month = field(form, 'month');
    const opinionsUntil = instantOf(field(form, 'opinionsUntil'));
    const scheduledAt = instantOf(field(form, 'scheduledAt'));
    if (!MONTH.test(month)) fields.month = required;
    if (!opinionsUntil) fields.opinionsUntil = required;
    if (!scheduledAt) fields.scheduledAt = required;
    if (!opinionsUntil || !scheduledAt || Object.keys(fields).length > 0)
      return refuse('create', 400, null, fields, values);
    const title = field(form, 'title');
    const result = await createMeeting(locals.api, {
      communityId: field(form, 'communityId') || null,
      month,
      opinionsUntil,
      scheduledAt,
      ...(title ? { title } : {}),
    });
    if (!result.ok) return apiRefuse('create', result.error, locals.locale, values);
    redirect(303, `/governance/meetings/${encodeURIComponent(result.data.id)}`);
  },
};
