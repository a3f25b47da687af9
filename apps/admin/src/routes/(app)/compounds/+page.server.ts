import { failureText } from '$lib/server/field-work';
import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** 我的小区: the firm's compounds with stage, score, stars and open items, and its open self-inspections. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'compounds');
  const [compounds, tasks] = await Promise.all([
    locals.api.call((c) => c.GET('/compounds', { params: { query: { pageSize: 100 } } })),
    locals.api.call((c) => c.GET('/tasks', { params: { query: { status: 'open', pageSize: 50 } } })),
  ]);
  return {
    compounds: compounds.ok ? compounds.data.items : [],
    openTasks: tasks.ok ? tasks.data.items : [],
    failure: compounds.ok ? null : failureText(compounds.error, locals.locale),
  };
};
