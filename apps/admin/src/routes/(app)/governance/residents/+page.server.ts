import type { Ref } from '$lib/api/pilot-types';
import { translate } from '$lib/i18n';
import { allCompounds } from '$lib/server/directory';
import { failureText } from '$lib/server/field-work';
import {
  ID,
  apiRefuse,
  approveApplication,
  field,
  listApplications,
  refuse,
  rejectApplication,
} from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/**
 * 居民注册审核: who applied, to live where; approve, or reject with a reason the resident reads.
 * Coordinators also print the 扫码报事 posters here (one compound, or all of a community's).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'governance');
  const role = locals.user?.role ?? 'party';
  const posters = role === 'coordinator' || role === 'admin';
  const [pending, decided, compounds] = await Promise.all([
    listApplications(locals.api, 'pending'),
    listApplications(locals.api, 'rejected'),
    posters ? allCompounds(locals.api) : Promise.resolve(null),
  ]);
  const places = compounds?.ok ? compounds.data : [];
  const communities = new Map<string, Ref>();
  for (const compound of places) communities.set(compound.community.id, compound.community);
  return {
    pending: pending.ok ? pending.data.items : [],
    rejected: decided.ok ? decided.data.items.slice(0, 10) : [],
    failure: pending.ok ? null : failureText(pending.error, locals.locale),
    denied: !pending.ok && pending.error.status === 403,
    posters,
    compounds: places.map((compound): Ref => ({ id: compound.id, name: compound.name })),
    communities: [...communities.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
};

export const actions: Actions = {
  approve: async ({ locals, url, request }) => {
    requireSection(locals, url, 'governance');
    const id = field(await request.formData(), 'id');
    if (!ID.test(id)) return refuse('approve', 400, null);
    const result = await approveApplication(locals.api, id);
    if (!result.ok) return apiRefuse(`approve:${id}`, result.error, locals.locale);
    return { decided: id };
  },
  reject: async ({ locals, url, request }) => {
    requireSection(locals, url, 'governance');
    const form = await request.formData();
    const id = field(form, 'id');
    const reason = field(form, 'reason');
    if (!ID.test(id)) return refuse('reject', 400, null);
    if (!reason)
      return refuse(`reject:${id}`, 400, null, { reason: translate(locals.locale, 'governance.required') });
    const result = await rejectApplication(locals.api, id, reason);
    if (!result.ok) return apiRefuse(`reject:${id}`, result.error, locals.locale, { reason });
    return { decided: id };
  },
};
