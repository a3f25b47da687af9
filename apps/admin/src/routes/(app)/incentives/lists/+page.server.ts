import { redirect } from '@sveltejs/kit';
import { confirmListEntrySchema, listEntryReasonSchema, parseInput } from '@pilot/domain';
import { loadFailed, requireRole } from '$lib/server/field-work';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** 红黑榜: the lists today, the candidates an admin decides, and the history. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['admin', 'coordinator']);
  const lists = await locals.api.call((c) => c.GET('/firm-lists'));
  if (!lists.ok) loadFailed(lists.error);
  return { lists: lists.data, canDecide: user.role === 'admin', done: url.searchParams.get('done') };
};

const issuesByField = (issues: Array<{ path: string; message: string }>) =>
  Object.fromEntries(issues.map((i) => [i.path, i.message]));

export const actions: Actions = {
  confirm: async ({ locals, url, request }) => {
    requireRole(locals, url, ['admin']);
    const form = await request.formData();
    const id = text(form, 'id');
    const until = text(form, 'effectiveUntil');
    const values = {
      id,
      reason: text(form, 'reason'),
      effectiveFrom: text(form, 'effectiveFrom'),
      effectiveUntil: until,
    };
    const parsed = parseInput(
      confirmListEntrySchema,
      {
        reason: values.reason,
        effectiveFrom: values.effectiveFrom,
        ...(until ? { effectiveUntil: until } : {}),
      },
      locals.locale,
    );
    if (!parsed.ok) return formFailure(`decide-${id}`, issuesByField(parsed.issues), values);
    const result = await locals.api.call((c) =>
      c.POST('/firm-lists/{id}/confirm', { params: { path: { id } }, body: parsed.data }),
    );
    if (!result.ok)
      return apiFailure(`decide-${id}`, result.error, values, ['reason', 'effectiveFrom', 'effectiveUntil']);
    redirect(303, `${url.pathname}?done=confirmed`);
  },
  dismiss: async ({ locals, url, request }) => decide(locals, url, await request.formData(), 'dismiss'),
  end: async ({ locals, url, request }) => decide(locals, url, await request.formData(), 'end'),
};

async function decide(locals: App.Locals, url: URL, form: FormData, step: 'dismiss' | 'end') {
  requireRole(locals, url, ['admin']);
  const id = text(form, 'id');
  const values = { id, reason: text(form, 'reason') };
  const parsed = parseInput(listEntryReasonSchema, { reason: values.reason }, locals.locale);
  const name = step === 'end' ? `end-${id}` : `decide-${id}`;
  if (!parsed.ok) return formFailure(name, issuesByField(parsed.issues), values);
  const result = await locals.api.call((c) =>
    step === 'end'
      ? c.POST('/firm-lists/{id}/end', { params: { path: { id } }, body: parsed.data })
      : c.POST('/firm-lists/{id}/dismiss', { params: { path: { id } }, body: parsed.data }),
  );
  if (!result.ok) return apiFailure(name, result.error, values, ['reason']);
  redirect(303, `${url.pathname}?done=${step === 'end' ? 'ended' : 'dismissed'}`);
}
