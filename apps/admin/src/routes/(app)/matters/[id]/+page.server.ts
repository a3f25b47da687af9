import type { MatterActionName } from '$lib/api/matter-types';
import { allCompounds } from '$lib/server/directory';
import { requireSection, requireUser } from '$lib/server/guard';
import { matterAction } from '$lib/server/matter-forms';
import { listParties, matterLoadFailed, matterOf } from '$lib/server/matters';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * 事项详情: what was reported, its 进度 (timeline) and the forms of whatever the API says this user
 * may do now (`actions`). Partner units and the compound's firm are read only when a form needs them.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { role } = requireUser(locals, url);
  requireSection(locals, url, 'matters');
  const result = await matterOf(locals.api, params.id);
  if (!result.ok) matterLoadFailed(result.error);
  const matter = result.data;
  const picks = matter.actions.includes('assign') || matter.actions.includes('join');
  const [parties, compounds] = await Promise.all([
    picks ? listParties(locals.api) : Promise.resolve([]),
    matter.actions.includes('assign') && matter.compound ? allCompounds(locals.api) : Promise.resolve(null),
  ]);
  const compound = compounds?.ok ? compounds.data.find((c) => c.id === matter.compound?.id) : undefined;
  const firm = compound?.firm ?? null;
  return { matter, role, parties, firm: firm ? { id: firm.id, name: firm.name } : null };
};

/** Each form posts to its own action; all of them go through the same reading and sending. */
const act = (action: MatterActionName) => async (event: RequestEvent) => {
  requireSection(event.locals, event.url, 'matters');
  return matterAction(action, event.locals, event.request, event.params.id);
};

export const actions = {
  assign: act('assign'),
  accept: act('accept'),
  return: act('return'),
  join: act('join'),
  progress: act('progress'),
  answer: act('answer'),
  rate: act('rate'),
  confirm: act('confirm'),
  cancel: act('cancel'),
} satisfies Actions;
