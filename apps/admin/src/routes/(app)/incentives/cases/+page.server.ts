import { redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import {
  CASE_TYPES,
  createIssue,
  listCases,
  listIssues,
  publishIssue,
  reviewCase,
  reviseCase,
  submitCase,
  type SubmitCaseBody,
} from '$lib/server/cases';
import { allCompounds } from '$lib/server/directory';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { uploadMatterEvidence } from '$lib/server/matters';
import type { Actions, PageServerLoad } from './$types';

const MAX_PHOTOS = 9;
const CASE_FIELDS = ['type', 'title', 'compoundId', 'body', 'photoIds'];

/**
 * 三微案例: a firm submits (phone first) and follows its cases; the working group reviews the
 * queue, composes an issue from the shortlisted cases and publishes it.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'incentives');
  const role = locals.user?.role ?? 'resident';
  const staff = role === 'coordinator' || role === 'admin';
  if (role === 'firm') {
    const [mine, compounds] = await Promise.all([listCases(locals.api, {}), allCompounds(locals.api)]);
    return {
      role,
      staff,
      mine: mine.ok ? mine.data : null,
      compounds: compounds.ok ? compounds.data.map((c) => ({ id: c.id, name: c.name })) : [],
      queue: null,
      shortlisted: null,
      issues: null,
      flash: url.searchParams.get('done'),
    };
  }
  const [queue, shortlisted, issues] = await Promise.all([
    listCases(locals.api, { status: ['submitted'] }),
    listCases(locals.api, { status: ['shortlisted'], pageSize: 100 }),
    listIssues(locals.api),
  ]);
  return {
    role,
    staff,
    mine: null,
    compounds: [],
    queue: queue.ok ? queue.data : null,
    // Those already in a draft issue are placed; the composer offers the free ones.
    shortlisted: shortlisted.ok ? shortlisted.data.items.filter((c) => c.issue === null) : null,
    issues: issues.ok ? issues.data : null,
    flash: url.searchParams.get('done'),
  };
};

/** The case's fields from the form, with its photos uploaded first (as the caller's own). */
async function caseBody(locals: App.Locals, form: FormData) {
  const values = {
    type: text(form, 'type'),
    title: text(form, 'title'),
    compoundId: text(form, 'compoundId'),
    body: text(form, 'body'),
  };
  const files = form
    .getAll('photos')
    .filter((f): f is File => f instanceof File && f.size > 0)
    .slice(0, MAX_PHOTOS);
  const kept = form.getAll('keepPhotoIds').map(String);
  const uploaded = files.length > 0 ? await uploadMatterEvidence(locals.api, null, files) : null;
  if (uploaded && !uploaded.ok) return { values, failure: uploaded.error, body: null } as const;
  const type = CASE_TYPES.find((t) => t === values.type);
  const body: SubmitCaseBody = {
    // An unknown type goes to the API as typed, which answers with the field's message.
    type: type ?? (values.type as SubmitCaseBody['type']),
    title: values.title,
    compoundId: values.compoundId,
    body: values.body,
    photoIds: [...kept, ...(uploaded?.ok ? uploaded.data.map((a) => a.id) : [])],
  };
  return { values, failure: null, body } as const;
}

export const actions: Actions = {
  submit: async ({ locals, url, request }) => {
    requireSection(locals, url, 'incentives');
    const built = await caseBody(locals, await request.formData());
    if (built.failure) return apiFailure('submit', built.failure, built.values, CASE_FIELDS);
    const result = await submitCase(locals.api, built.body);
    if (!result.ok) return apiFailure('submit', result.error, built.values, CASE_FIELDS);
    redirect(303, '/incentives/cases?done=submitted');
  },
  revise: async ({ locals, url, request }) => {
    requireSection(locals, url, 'incentives');
    const form = await request.formData();
    const id = text(form, 'caseId');
    const built = await caseBody(locals, form);
    if (built.failure) return apiFailure(`revise-${id}`, built.failure, built.values, CASE_FIELDS);
    const result = await reviseCase(locals.api, id, built.body);
    if (!result.ok) return apiFailure(`revise-${id}`, result.error, built.values, CASE_FIELDS);
    redirect(303, '/incentives/cases?done=revised');
  },
  review: async ({ locals, url, request }) => {
    requireSection(locals, url, 'incentives');
    const form = await request.formData();
    const id = text(form, 'caseId');
    const verdict = text(form, 'verdict');
    const note = text(form, 'note');
    const result = await reviewCase(locals.api, id, {
      verdict: verdict === 'return' || verdict === 'reject' ? verdict : 'accept',
      ...(note ? { note } : {}),
    });
    if (!result.ok) return apiFailure(`review-${id}`, result.error, { note }, ['note']);
    redirect(303, '/incentives/cases?done=reviewed');
  },
  createIssue: async ({ locals, url, request }) => {
    requireSection(locals, url, 'incentives');
    const form = await request.formData();
    const values = {
      number: text(form, 'number'),
      title: text(form, 'title'),
      foreword: text(form, 'foreword'),
    };
    const number = Number(values.number);
    if (!Number.isInteger(number) || number < 1)
      return formFailure('issue', { number: translate(locals.locale, 'governance.required') }, values);
    const result = await createIssue(locals.api, {
      number,
      title: values.title,
      ...(values.foreword ? { foreword: values.foreword } : {}),
      caseIds: form.getAll('caseIds').map(String),
    });
    if (!result.ok)
      return apiFailure('issue', result.error, values, ['number', 'title', 'foreword', 'caseIds']);
    redirect(303, '/incentives/cases?done=issueCreated');
  },
  publishIssue: async ({ locals, url, request }) => {
    requireSection(locals, url, 'incentives');
    const id = text(await request.formData(), 'issueId');
    const result = await publishIssue(locals.api, id);
    if (!result.ok) return apiFailure(`publish-${id}`, result.error);
    redirect(303, '/incentives/cases?done=issuePublished');
  },
};
