import { fail } from '@sveltejs/kit';
import type { TaskDetail } from '$lib/api/field-work';
import {
  inspectionPhotosInForm,
  photosInForm,
  readInspectionForm,
} from '$lib/components/inspection/form-fields';
import { checkSubmission, validate, type Answers } from '$lib/components/inspection/inspection-form';
import type { InspectionActionData } from '$lib/components/inspection/types';
import { failureText, idempotencyKey, loadFailed, requireRole, uploadEvidence } from '$lib/server/field-work';
import type { Actions, PageServerLoad } from './$types';

/** Inspectors do their inspections here; a firm its self-inspection (自查自纠). */
const ROLES = ['inspector', 'firm'] as const;

async function taskOf(locals: App.Locals, id: string): Promise<TaskDetail> {
  const result = await locals.api.call((c) => c.GET('/tasks/{id}', { params: { path: { id } } }));
  if (!result.ok) loadFailed(result.error);
  return result.data;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ROLES);
  return { task: await taskOf(locals, params.id) };
};

type Returned = Extract<InspectionActionData, { answers: Answers }>;

/**
 * The posted form, with the photos a page without JavaScript sent as files uploaded first (a page
 * with JavaScript uploaded each one as it was taken and sends only their ids).
 */
async function readPost(request: Request, locals: App.Locals, task: TaskDetail) {
  const form = await request.formData();
  const read = readInspectionForm(form, task.checklist);
  const { answers, notes } = read;
  let evidence = read.evidence;
  const failed = (error: Parameters<typeof failureText>[0]) => {
    const data: Returned = {
      kind: 'failed',
      answers,
      notes,
      evidence,
      message: failureText(error, locals.locale),
      issues: [],
      messages: [],
    };
    return { ok: false as const, status: error.status, data };
  };
  for (const [id, files] of photosInForm(form, task.checklist)) {
    const uploaded = await uploadEvidence(locals.api, task.pilot.id, files);
    if (!uploaded.ok) return failed(uploaded.error);
    const answer = answers[id];
    if (answer) answer.evidence = [...answer.evidence, ...uploaded.data];
  }
  const whole = inspectionPhotosInForm(form);
  if (whole.length > 0) {
    const uploaded = await uploadEvidence(locals.api, task.pilot.id, whole);
    if (!uploaded.ok) return failed(uploaded.error);
    evidence = [...evidence, ...uploaded.data];
  }
  return { ok: true as const, answers, notes, evidence };
}

export const actions: Actions = {
  /** 核对: the summary step of a page without JavaScript (with it, the summary is drawn on the phone). */
  review: async ({ request, locals, url, params }) => {
    requireRole(locals, url, ROLES);
    const task = await taskOf(locals, params.id);
    const post = await readPost(request, locals, task);
    if (!post.ok) return fail(post.status, post.data);
    const issues = validate(task.checklist, post.answers);
    const data: Returned = {
      kind: issues.length > 0 ? 'invalid' : 'review',
      answers: post.answers,
      notes: post.notes,
      evidence: post.evidence,
      message: null,
      issues,
      messages: [],
    };
    return issues.length > 0 ? fail(400, data) : data;
  },

  /** 提交检查: one Update of the pilot; failed items come back as rectification orders. */
  submit: async ({ request, locals, url, params }) => {
    requireRole(locals, url, ROLES);
    const task = await taskOf(locals, params.id);
    const post = await readPost(request, locals, task);
    if (!post.ok) return fail(post.status, post.data);
    const { answers, notes, evidence } = post;
    const check = checkSubmission(task.id, task.checklist, post, locals.locale);
    if (!check.ok) {
      return fail(400, {
        kind: 'invalid',
        answers,
        notes,
        evidence,
        message: null,
        issues: check.issues,
        messages: check.messages,
      } satisfies Returned);
    }
    const { taskId: _taskId, ...body } = check.submission;
    // The same answers sent again (the connection dropped after the first) are recorded once.
    const key = idempotencyKey('inspection', task.id, body);
    const result = await locals.api.call((c) =>
      c.POST('/tasks/{id}/submit', {
        params: { path: { id: task.id } },
        body,
        headers: { 'idempotency-key': key },
      }),
    );
    if (!result.ok) {
      return fail(result.error.status, {
        kind: result.error.status === 409 ? 'refused' : 'failed',
        answers,
        notes,
        evidence,
        message: failureText(result.error, locals.locale),
        issues: [],
        messages: [],
      } satisfies Returned);
    }
    return { kind: 'submitted', result: result.data } satisfies InspectionActionData;
  },
};
