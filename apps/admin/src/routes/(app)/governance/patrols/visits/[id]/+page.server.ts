import { error } from '@sveltejs/kit';
import { PATROL_TOPICS } from '@pilot/domain';
import { parseAttachments } from '$lib/components/inspection/form-fields';
import { translate } from '$lib/i18n';
import { idempotencyKey } from '$lib/server/forms';
import {
  apiRefuse,
  completeVisit,
  field,
  namesOf,
  refuse,
  textValues,
  today,
  type CompleteVisitBody,
} from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** 巡查: a phone page to record who went and what they found; once done, what became matters. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'governance');
  const result = await locals.api.call((c) =>
    c.GET('/patrols/visits/{id}', { params: { path: { id: params.id } } }),
  );
  if (!result.ok) error(result.error.status >= 400 ? result.error.status : 502, result.error.message);
  const { findings: found, ...visit } = result.data;
  const findings = found.map((row) => ({
    id: row.id,
    number: row.number,
    topic: locals.locale === 'en' ? row.topic.label.en : row.topic.label.zh,
    location: row.location,
    status: locals.locale === 'en' ? row.status.label.en : row.status.label.zh,
    closed: row.status.code === 'closed',
  }));
  return {
    visit,
    today: today(),
    findings,
    formKey: idempotencyKey(),
    me: locals.user?.displayName ?? '',
  };
};

export const actions: Actions = {
  complete: async ({ locals, url, request, params }) => {
    requireSection(locals, url, 'governance');
    const form = await request.formData();
    const values = textValues(form);
    const required = translate(locals.locale, 'governance.required');
    const fields: Record<string, string> = {};
    const patrollers = namesOf(field(form, 'patrollers'));
    if (patrollers.length === 0) fields.patrollers = required;
    const count = Math.min(20, Number(field(form, 'findingCount')) || 0);
    const findings: CompleteVisitBody['findings'] = [];
    for (let n = 0; n < count; n += 1) {
      const topic = PATROL_TOPICS.find((known) => known === field(form, `topic-${n}`));
      const location = field(form, `location-${n}`);
      const description = field(form, `description-${n}`);
      const evidence = parseAttachments(field(form, `evidence-${n}`));
      // A row left wholly empty is one the patroller added and did not need.
      if (!topic && !location && !description && evidence.length === 0) continue;
      if (!topic) fields[`topic-${n}`] = required;
      if (!location) fields[`location-${n}`] = required;
      if (!description) fields[`description-${n}`] = required;
      if (topic && location && description)
        findings.push({ topic, location, description, evidenceRefs: evidence.map((file) => file.id) });
    }
    if (Object.keys(fields).length > 0) return refuse('complete', 400, null, fields, values);
    const note = field(form, 'note');
    const body: CompleteVisitBody = { patrollers, findings, ...(note ? { note } : {}) };
    // One key per page render: a resend from a phone on a weak signal records the patrol once.
    const key = `patrol.${params.id}.${field(form, 'key') || 'form'}`.slice(0, 120);
    const result = await completeVisit(locals.api, params.id, body, key);
    if (!result.ok) return apiRefuse('complete', result.error, locals.locale, values);
    return { completed: true };
  },
};
