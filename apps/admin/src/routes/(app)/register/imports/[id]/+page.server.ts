import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { loadFailed, requireRole } from '$lib/server/field-work';
import { apiFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { APPLY_TIMEOUT_MS } from '$lib/server/imports';
import type { Actions, PageServerLoad } from './$types';

/** 检查结果: one import's report — counts, every problem by row and column, the first rows — and its apply. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'register');
  requireRole(locals, url, ['admin']);
  const job = await locals.api.call((c) => c.GET('/imports/{id}', { params: { path: { id: params.id } } }));
  if (!job.ok) {
    if (job.error.status === 404) error(404, translate(locals.locale, 'errors.notFound'));
    loadFailed(job.error);
  }
  return { job: job.data };
};

export const actions: Actions = {
  /**
   * 导入: applies the checked file (all rows, or knowingly only the valid ones). The answer carries
   * the new accounts' initial passwords; they go to this one page render and are kept nowhere.
   */
  apply: async ({ request, locals, url, params }) => {
    requireRole(locals, url, ['admin']);
    const form = await request.formData();
    const acceptValidRows = text(form, 'acceptValidRows') === 'true';
    const result = await locals.api
      .withTimeout(APPLY_TIMEOUT_MS)
      .call((c) =>
        c.POST('/imports/{id}/apply', { params: { path: { id: params.id } }, body: { acceptValidRows } }),
      );
    if (!result.ok) return apiFailure('apply', result.error);
    return { applied: result.data };
  },
};
