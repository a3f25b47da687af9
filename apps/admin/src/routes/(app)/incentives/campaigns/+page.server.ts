import { redirect } from '@sveltejs/kit';
import {
  campaignBody,
  readCampaignForm,
  type CampaignFormValues,
} from '$lib/components/incentives/campaign-form';
import { translate } from '$lib/i18n';
import { loadDirectory } from '$lib/server/directory';
import { loadFailed, requireRole } from '$lib/server/field-work';
import { apiFailure, formFailure } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ORGANIZERS = ['admin', 'coordinator'] as const;

/** 全面推广: the campaigns, and what a new draft picks from (pilots, firms, compounds, inspectors). */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ORGANIZERS);
  const [campaigns, pilots, directory, versions, lists] = await Promise.all([
    locals.api.call((c) => c.GET('/campaigns', { params: { query: {} } })),
    locals.api.call((c) => c.GET('/pilots', { params: { query: { pageSize: 100 } } })),
    loadDirectory(locals.api, user.role),
    locals.api.call((c) =>
      c.GET('/catalogue/versions', { params: { query: { status: 'published', pageSize: 100 } } }),
    ),
    locals.api.call((c) => c.GET('/firm-lists', { params: { query: {} } })),
  ]);
  if (!campaigns.ok) loadFailed(campaigns.error);
  if (!pilots.ok) loadFailed(pilots.error);
  const running = pilots.data.items.filter((p) => p.status !== 'withdrawn');
  // Origins: pilots whose experience is there to carry (consolidated or further), the newest last.
  const origins = running
    .filter((p) => p.stage === 'consolidation' || p.stage === 'rollout')
    .map((p) => ({ id: p.id, compound: p.compound.name, firm: p.firm.name, stage: p.stageLabel }));
  const enrolled = new Set(running.map((p) => p.compound.id));
  // A black-listed firm's compounds are not enrolled until the listing ends: shown, not offered.
  const black = new Set(lists.ok ? lists.data.black.filter((e) => e.inEffect).map((e) => e.firm.id) : []);
  const compounds = directory.compounds
    .filter((c) => c.active && !c.pilot && !enrolled.has(c.id))
    .map((c) => ({
      id: c.id,
      name: c.name,
      community: c.community.name,
      firm: c.firm,
      blackListed: black.has(c.firm.id),
    }));
  return {
    campaigns: campaigns.data.items,
    origins,
    firms: directory.firms.filter((f) => !black.has(f.id)),
    compounds,
    inspectors: directory.inspectors,
    versions: versions.ok ? versions.data.items.map((v) => ({ id: v.id, title: v.title })) : [],
  };
};

/** The API's dotted paths (`compounds.2.inspectorAssignments`) onto the form's fields. */
function fieldOf(path: string, values: CampaignFormValues): string {
  const [head, index] = path.split('.');
  if (head === 'compounds' && index !== undefined) {
    const compound = values.compounds[Number(index)];
    return compound ? `compound-${compound.compoundId}` : 'compoundIds';
  }
  if (head === 'meetingAttendees') return 'attendees';
  return head ?? '';
}

export const actions: Actions = {
  create: async ({ locals, url, request }) => {
    const user = requireRole(locals, url, ORGANIZERS);
    const values = readCampaignForm(await request.formData());
    const t = (key: 'incentives.campaigns.pickCompounds' | 'incentives.campaigns.pickOrigin') =>
      translate(locals.locale, key);
    const missing: Record<string, string> = {
      ...(values.compounds.length === 0 ? { compoundIds: t('incentives.campaigns.pickCompounds') } : {}),
      ...(values.originEnrollmentIds.length === 0
        ? { originEnrollmentIds: t('incentives.campaigns.pickOrigin') }
        : {}),
    };
    if (Object.keys(missing).length > 0) return formFailure('create', missing, { values });
    const directory = await loadDirectory(locals.api, user.role);
    const firmOf = new Map(directory.compounds.map((c) => [c.id, c.firm.id]));
    const result = await locals.api.call((c) => c.POST('/campaigns', { body: campaignBody(values, firmOf) }));
    if (!result.ok) {
      const fields: Record<string, string> = {};
      const general: string[] = [];
      for (const issue of result.error.issues) {
        const field = fieldOf(issue.path, values);
        if (field && !(field in fields)) fields[field] = issue.message;
        else if (!field) general.push(issue.message);
      }
      return apiFailure('create', result.error, { values }, { fields, general });
    }
    redirect(303, `/incentives/campaigns/${result.data.id}?done=created`);
  },
};
