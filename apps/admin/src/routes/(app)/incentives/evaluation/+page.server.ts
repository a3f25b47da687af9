import { redirect } from '@sveltejs/kit';
import { computeEvaluationPeriodSchema, parseInput } from '@pilot/domain';
import { loadFailed, requireRole } from '$lib/server/field-work';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * 评价排名: the latest published ranking (or the one `?period=` names: an admin previews a draft
 * there before publishing it) and the periods; a firm goes to its own evaluation, or, before any
 * period is published, sees its listings here. An admin also sees a drafted rule set waiting to be
 * published, beside the set in force.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['admin', 'coordinator', 'firm']);
  const periods = await locals.api.call((c) => c.GET('/evaluations/periods'));
  if (!periods.ok) loadFailed(periods.error);
  if (user.role === 'firm') {
    const latest = periods.data.items.find((p) => p.status === 'published');
    if (latest && user.firmId) redirect(303, `/incentives/evaluation/${latest.id}/${user.firmId}`);
    const firmId = user.firmId;
    const history = firmId
      ? await locals.api.call((c) => c.GET('/evaluations/firms/{firmId}', { params: { path: { firmId } } }))
      : null;
    if (history && !history.ok) loadFailed(history.error);
    return {
      periods: periods.data.items,
      ranking: null,
      canAdminister: false,
      chosen: null,
      listings: history?.ok ? history.data.listings : [],
      rules: null,
    };
  }
  const wanted = url.searchParams.get('period');
  const chosen = wanted && periods.data.items.some((p) => p.id === wanted) ? wanted : null;
  const ranking = await locals.api.call((c) =>
    c.GET('/evaluations/periods/{id}/ranking', { params: { path: { id: chosen ?? 'latest' } } }),
  );
  // No published period yet is a state of the page, not an error.
  if (!ranking.ok && ranking.error.status !== 404) loadFailed(ranking.error);
  const rules = user.role === 'admin' ? await locals.api.call((c) => c.GET('/evaluations/rules')) : null;
  if (rules && !rules.ok) loadFailed(rules.error);
  return {
    periods: periods.data.items,
    ranking: ranking.ok ? ranking.data : null,
    chosen,
    listings: [],
    canAdminister: user.role === 'admin',
    rules: rules?.ok ? rules.data : null,
    done: url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  compute: async ({ locals, url, request }) => {
    requireRole(locals, url, ['admin']);
    const period = text(await request.formData(), 'period');
    const parsed = parseInput(computeEvaluationPeriodSchema, { period }, locals.locale);
    if (!parsed.ok) {
      return formFailure('compute', Object.fromEntries(parsed.issues.map((i) => [i.path, i.message])), {
        period,
      });
    }
    const result = await locals.api.call((c) => c.POST('/evaluations/periods', { body: parsed.data }));
    if (!result.ok) return apiFailure('compute', result.error, { period }, ['period']);
    // To the draft's own ranking, so the admin reads it before publishing it.
    const id = result.data.period.id;
    redirect(303, `${url.pathname}?period=${id}&done=computed:${id}:${result.data.evaluated}`);
  },
  publish: async ({ locals, url, request }) => {
    requireRole(locals, url, ['admin']);
    const id = text(await request.formData(), 'id');
    const result = await locals.api.call((c) =>
      c.POST('/evaluations/periods/{id}/publish', { params: { path: { id } } }),
    );
    if (!result.ok) return apiFailure('publish', result.error, { id });
    redirect(303, `${url.pathname}?period=${encodeURIComponent(id)}&done=published:${id}`);
  },
  publishRules: async ({ locals, url, request }) => {
    requireRole(locals, url, ['admin']);
    const version = text(await request.formData(), 'version');
    // The hidden field holds the draft's version; anything else the API refuses as no such draft.
    const result = await locals.api.call((c) =>
      c.POST('/evaluations/rules/publish', { body: { version: Number(version) } }),
    );
    if (!result.ok) return apiFailure('rules', result.error, { version });
    redirect(303, `${url.pathname}?done=rules:${result.data.version}`);
  },
};
