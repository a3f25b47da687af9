import { redirect } from '@sveltejs/kit';
import { parseInput, publishMatterRulesSchema } from '@pilot/domain';
import { placeRuleIssues, RULE_FIELDS, rulesBody } from '$lib/components/matters/rules-form';
import { loadFailed, requireRole } from '$lib/server/field-work';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** 办理规则: coordinators read the limits matters run on; admins publish the next set. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'matters');
  const user = requireRole(locals, url, ['admin', 'coordinator']);
  const rules = await locals.api.call((c) => c.GET('/matter-rules'));
  if (!rules.ok) loadFailed(rules.error);
  const published = Number(url.searchParams.get('published'));
  return {
    rules: rules.data,
    canPublish: user.role === 'admin',
    published: Number.isInteger(published) && published > 0 ? published : null,
  };
};

export const actions: Actions = {
  publish: async ({ locals, url, request }) => {
    requireRole(locals, url, ['admin']);
    const form = await request.formData();
    const values = Object.fromEntries(RULE_FIELDS.map((name) => [name, text(form, name)]));
    const basedOn = Number(text(form, 'basedOn'));
    // The API's own schema first, so each field's message stands beside it without a round trip.
    const parsed = parseInput(publishMatterRulesSchema, rulesBody(values, basedOn), locals.locale);
    if (!parsed.ok) {
      const placed = placeRuleIssues(parsed.issues);
      return formFailure('publish', placed.fields, { values }, placed.general.join(' ') || null);
    }
    const result = await locals.api.call((c) => c.POST('/matter-rules', { body: parsed.data }));
    if (!result.ok)
      return apiFailure('publish', result.error, { values }, placeRuleIssues(result.error.issues));
    redirect(303, `${url.pathname}?published=${result.data.version}`);
  },
};
