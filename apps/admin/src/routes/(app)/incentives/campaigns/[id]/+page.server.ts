import { redirect } from '@sveltejs/kit';
import { assignmentsFor, leadField, secondField } from '$lib/components/incentives/campaign-form';
import { loadDirectory } from '$lib/server/directory';
import { loadFailed, requireRole } from '$lib/server/field-work';
import { apiFailure, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const ORGANIZERS = ['admin', 'coordinator'] as const;

/**
 * One campaign: a draft with its workload forecast (rebalanced here before the one confirmation),
 * or, once confirmed, each compound's start as the progress route tells it (the page polls it).
 */
export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends('campaign:progress');
  const user = requireRole(locals, url, ORGANIZERS);
  const campaign = await locals.api.call((c) =>
    c.GET('/campaigns/{id}', { params: { path: { id: params.id } } }),
  );
  if (!campaign.ok) loadFailed(campaign.error);
  const draft = campaign.data.status === 'draft';
  const [forecast, progress, directory] = await Promise.all([
    draft
      ? locals.api.call((c) => c.GET('/campaigns/{id}/forecast', { params: { path: { id: params.id } } }))
      : null,
    draft
      ? null
      : locals.api.call((c) => c.GET('/campaigns/{id}/progress', { params: { path: { id: params.id } } })),
    draft ? loadDirectory(locals.api, user.role) : null,
  ]);
  if (forecast && !forecast.ok) loadFailed(forecast.error);
  if (progress && !progress.ok) loadFailed(progress.error);
  return {
    campaign: campaign.data,
    forecast: forecast?.ok ? forecast.data : null,
    progress: progress?.ok ? progress.data : null,
    inspectors: directory?.inspectors ?? [],
    done: url.searchParams.get('done'),
  };
};

export const actions: Actions = {
  rebalance: async ({ locals, url, params, request }) => {
    requireRole(locals, url, ORGANIZERS);
    const form = await request.formData();
    const compoundId = text(form, 'compoundId');
    const lead = text(form, leadField(compoundId));
    const second = text(form, secondField(compoundId));
    const result = await locals.api.call((c) =>
      c.POST('/campaigns/{id}/rebalance', {
        params: { path: { id: params.id } },
        body: { compoundId, inspectorAssignments: assignmentsFor(lead, second) },
      }),
    );
    if (!result.ok) return apiFailure(`rebalance-${compoundId}`, result.error, { compoundId, lead, second });
    redirect(303, `${url.pathname}?done=rebalanced`);
  },
  confirm: async ({ locals, url, params }) => {
    requireRole(locals, url, ORGANIZERS);
    const result = await locals.api.call((c) =>
      c.POST('/campaigns/{id}/confirm', { params: { path: { id: params.id } } }),
    );
    if (!result.ok) return apiFailure('confirm', result.error);
    redirect(303, `${url.pathname}?done=confirmed`);
  },
  retry: async ({ locals, url, params, request }) => {
    requireRole(locals, url, ORGANIZERS);
    const compoundId = text(await request.formData(), 'compoundId');
    const result = await locals.api.call((c) =>
      c.POST('/campaigns/{id}/retry', {
        params: { path: { id: params.id } },
        body: compoundId ? { compoundIds: [compoundId] } : {},
      }),
    );
    if (!result.ok) return apiFailure(`retry-${compoundId || 'all'}`, result.error);
    redirect(303, `${url.pathname}?done=retried`);
  },
  cancel: async ({ locals, url, params }) => {
    requireRole(locals, url, ORGANIZERS);
    const result = await locals.api.call((c) =>
      c.POST('/campaigns/{id}/cancel', { params: { path: { id: params.id } } }),
    );
    if (!result.ok) return apiFailure('cancel', result.error);
    redirect(303, `${url.pathname}?done=cancelled`);
  },
};
