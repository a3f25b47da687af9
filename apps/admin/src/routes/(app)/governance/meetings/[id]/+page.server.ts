import { error } from '@sveltejs/kit';
import { MATTER_CATEGORIES } from '@pilot/domain';
import type { Ref } from '$lib/api/pilot-types';
import { translate } from '$lib/i18n';
import { allCompounds } from '$lib/server/directory';
import { idempotencyKey } from '$lib/server/forms';
import {
  DAY,
  addOpinion,
  apiRefuse,
  field,
  holdMeeting,
  meetingOf,
  namesOf,
  publishFeedback,
  refuse,
  textValues,
  type HoldMeetingBody,
} from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import { listParties } from '$lib/server/matters';
import type { Actions, PageServerLoad } from './$types';

const SOURCES = ['resident', 'grid', 'reception'] as const;

/**
 * 联席会议: the opinions (agenda), and the forms the API says this user may use now (`actions`):
 * 意见征集, 会议记录 (with the resolutions' compounds and units), 会后反馈.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'governance');
  const result = await meetingOf(locals.api, params.id);
  if (!result.ok) error(result.error.status >= 400 ? result.error.status : 502, result.error.message);
  const meeting = result.data;
  const holding = meeting.actions.includes('hold');
  const [compounds, parties] = await Promise.all([
    holding ? allCompounds(locals.api) : Promise.resolve(null),
    holding ? listParties(locals.api) : Promise.resolve([]),
  ]);
  const places = (compounds?.ok ? compounds.data : []).filter(
    (compound) => !meeting.community || compound.community.id === meeting.community.id,
  );
  const firms = new Map<string, Ref>();
  for (const compound of places)
    if (compound.firm) firms.set(compound.firm.id, { id: compound.firm.id, name: compound.firm.name });
  return {
    meeting,
    role: locals.user?.role ?? 'resident',
    compounds: places.map((compound) => ({
      id: compound.id,
      name: compound.name,
      firmId: compound.firm?.id ?? null,
    })),
    firms: [...firms.values()],
    parties,
    formKey: idempotencyKey(),
  };
};

export const actions: Actions = {
  opinion: async ({ locals, url, request, params }) => {
    requireSection(locals, url, 'governance');
    const form = await request.formData();
    const text = field(form, 'text');
    const role = locals.user?.role;
    const source =
      role === 'resident' ? 'resident' : SOURCES.find((known) => known === field(form, 'source'));
    if (!text || !source)
      return refuse(
        'opinion',
        400,
        null,
        { text: translate(locals.locale, 'governance.required') },
        textValues(form),
      );
    const result = await addOpinion(locals.api, params.id, { meetingId: params.id, source, text });
    if (!result.ok) return apiRefuse('opinion', result.error, locals.locale, textValues(form));
    return { opinionDone: true };
  },
  hold: async ({ locals, url, request, params }) => {
    requireSection(locals, url, 'governance');
    const form = await request.formData();
    const values = textValues(form);
    const required = translate(locals.locale, 'governance.required');
    const fields: Record<string, string> = {};
    const minutes = field(form, 'minutes');
    if (!minutes) fields.minutes = required;
    const count = Math.min(30, Number(field(form, 'resolutionCount')) || 0);
    const resolutions: HoldMeetingBody['resolutions'] = [];
    for (let n = 0; n < count; n += 1) {
      const text = field(form, `text-${n}`);
      const category = MATTER_CATEGORIES.find((known) => known === field(form, `category-${n}`));
      const [kind, id] = field(form, `assignee-${n}`).split(':');
      const dueOn = field(form, `dueOn-${n}`);
      if (!text && !category && !id && !dueOn) continue;
      const assignee =
        kind === 'firm' && id
          ? { kind: 'firm' as const, firmId: id }
          : kind === 'party' && id
            ? { kind: 'party' as const, partyId: id }
            : null;
      if (!text) fields[`text-${n}`] = required;
      if (!category) fields[`category-${n}`] = required;
      if (!assignee) fields[`assignee-${n}`] = required;
      if (!DAY.test(dueOn)) fields[`dueOn-${n}`] = required;
      if (text && category && assignee && DAY.test(dueOn))
        resolutions.push({
          text,
          category,
          assignee,
          dueOn,
          compoundId: field(form, `compound-${n}`) || null,
        });
    }
    if (Object.keys(fields).length > 0) return refuse('hold', 400, null, fields, values);
    const body: HoldMeetingBody = {
      meetingId: params.id,
      attendance: {
        subdistrict: namesOf(field(form, 'subdistrict')),
        community: namesOf(field(form, 'community')),
        owners: namesOf(field(form, 'owners')),
        firm: namesOf(field(form, 'firm')),
      },
      minutes,
      resolutions,
    };
    const key = `meeting-hold.${params.id}.${field(form, 'key') || 'form'}`.slice(0, 120);
    const result = await holdMeeting(locals.api, params.id, body, key);
    if (!result.ok) return apiRefuse('hold', result.error, locals.locale, values);
    return { held: true };
  },
  feedback: async ({ locals, url, request, params }) => {
    requireSection(locals, url, 'governance');
    const form = await request.formData();
    const feedback = field(form, 'feedback');
    if (!feedback)
      return refuse('feedback', 400, null, { feedback: translate(locals.locale, 'governance.required') });
    const result = await publishFeedback(locals.api, params.id, feedback);
    if (!result.ok) return apiRefuse('feedback', result.error, locals.locale, textValues(form));
    return { published: true };
  },
};
