import { error } from '@sveltejs/kit';
import { PATROL_TOPICS } from '@pilot/domain';
import { parseAttachments } from '$lib/components/inspection/form-fields';
import { translate } from '$lib/i18n';
import { idempotencyKey } from '$lib/server/forms';
import {
  ID,
  apiRefuse,
  completeVisit,
  field,
  ledgerOf,
  namesOf,
  refuse,
  textValues,
  today,
  type CompleteVisitBody,
} from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The API has no read of one visit: the plan's visits (`?plan=` from the list's link) are read and
 * this one picked; without it, the visits of two months around today.
 */
async function visitOf(locals: App.Locals, id: string, plan: string) {
  const day = today();
  const result = await locals.api.call((c) =>
    c.GET('/patrols/visits', {
      params: { query: ID.test(plan) ? { planId: plan } : { from: shift(day, -45), to: shift(day, 45) } },
    }),
  );
  if (!result.ok) error(result.error.status >= 400 ? result.error.status : 502, result.error.message);
  const visit = result.data.items.find((item) => item.id === id);
  if (!visit) error(404, translate(locals.locale, 'errors.notFound'));
  return visit;
}

/** 巡查: a phone page to record who went and what they found; once done, what became matters. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'governance');
  const visit = await visitOf(locals, params.id, url.searchParams.get('plan') ?? '');
  let findings: Array<{
    id: string;
    number: string;
    topic: string;
    location: string;
    status: string;
    closed: boolean;
  }> = [];
  if (visit.status.code === 'done' && visit.findingCount > 0) {
    const ledger = await ledgerOf(locals.api, { compoundId: visit.compound.id, pageSize: 100 });
    if (ledger.ok) {
      findings = ledger.data.items
        .filter((row) => row.visit?.id === visit.id)
        .map((row) => ({
          id: row.id,
          number: row.number,
          topic: locals.locale === 'en' ? row.topic.label.en : row.topic.label.zh,
          location: row.location,
          status: locals.locale === 'en' ? row.status.label.en : row.status.label.zh,
          closed: row.status.code === 'closed',
        }));
    }
  }
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
