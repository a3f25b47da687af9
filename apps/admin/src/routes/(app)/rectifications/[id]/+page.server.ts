import { fail } from '@sveltejs/kit';
import {
  controlRectificationSchema,
  parseInput,
  respondRectificationSchema,
  verifyRectificationSchema,
} from '@pilot/domain';
import type { Rectification } from '$lib/api/field-work';
import { parseAttachments } from '$lib/components/inspection/form-fields';
import type { RectificationActionData } from '$lib/components/rectifications/types';
import { fieldErrors } from '$lib/server/api';
import {
  failureText,
  idempotencyKey,
  loadFailed,
  standardsOfPilots,
  uploadEvidence,
} from '$lib/server/field-work';
import { requireSection, requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

async function itemOf(locals: App.Locals, id: string): Promise<Rectification> {
  const result = await locals.api.call((c) => c.GET('/rectifications/{id}', { params: { path: { id } } }));
  if (!result.ok) loadFailed(result.error);
  return result.data;
}

/** 整改详情: the finding, the firm's answers with their photos, the verdicts; the form of whoever acts next. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { role } = requireUser(locals, url);
  requireSection(locals, url, 'rectifications');
  const item = await itemOf(locals, params.id);
  const [standards, task] = await Promise.all([
    standardsOfPilots(locals.api, [item.pilot.id]),
    // The photos taken when the item failed: the inspector's own task (a firm cannot open it).
    role === 'inspector'
      ? locals.api.call((c) => c.GET('/tasks/{id}', { params: { path: { id: item.taskId } } }))
      : Promise.resolve(null),
  ]);
  const finding = task?.ok ? task.data.items.find((answer) => answer.code === item.standardCode) : undefined;
  return {
    item,
    standard: standards[item.pilot.id]?.[item.standardCode] ?? null,
    findingEvidence: finding?.evidenceIds ?? [],
    role,
  };
};

type Values = Extract<RectificationActionData, { values: unknown }>['values'];

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export const actions: Actions = {
  /** 整改答复 (firm): what was done, with at least one photo or document of the result. */
  respond: async ({ request, locals, url, params }) => {
    requireSection(locals, url, 'rectifications');
    const form = await request.formData();
    const values: Values = {
      response: text(form, 'response'),
      evidence: parseAttachments(text(form, 'evidence')),
      decision: '',
      reason: '',
    };
    const refused = (
      status: number,
      kind: 'invalid' | 'refused' | 'failed',
      message: string | null,
      fields = {},
    ) => fail(status, { kind, action: 'respond', values, message, fields } satisfies RectificationActionData);

    // Without JavaScript the photos come as files of this post; upload them first.
    const files = form
      .getAll('photo')
      .filter((value): value is File => typeof value === 'object' && value.size > 0);
    if (files.length > 0) {
      const item = await itemOf(locals, params.id);
      const uploaded = await uploadEvidence(locals.api, item.pilot.id, files);
      if (!uploaded.ok)
        return refused(uploaded.error.status, 'failed', failureText(uploaded.error, locals.locale));
      values.evidence = [...values.evidence, ...uploaded.data];
    }
    const parsed = parseInput(
      respondRectificationSchema,
      {
        rectificationId: params.id,
        response: values.response,
        evidenceRefs: values.evidence.map((file) => file.id),
      },
      locals.locale,
    );
    if (!parsed.ok) {
      const fields = fieldErrors({
        status: 400,
        code: 'invalid',
        message: '',
        issues: parsed.issues,
        reasons: [],
      });
      return refused(400, 'invalid', null, fields);
    }
    const { rectificationId: _id, ...body } = parsed.data;
    const result = await locals.api.call((c) =>
      c.POST('/rectifications/{id}/respond', {
        params: { path: { id: params.id } },
        body,
        // Keyed by the answer and by which answer it is: a resend is recorded once, while the same
        // words sent again after a rejection are a new answer.
        headers: {
          'idempotency-key': idempotencyKey('respond', params.id, { body, attempt: text(form, 'attempt') }),
        },
      }),
    );
    if (!result.ok) {
      return refused(
        result.error.status,
        result.error.status === 409 ? 'refused' : result.error.status === 400 ? 'invalid' : 'failed',
        failureText(result.error, locals.locale),
        fieldErrors(result.error),
      );
    }
    return {
      kind: 'done',
      action: 'respond',
      status: result.data.status,
      decision: null,
    } satisfies RectificationActionData;
  },

  /**
   * 先行管控 (firm): a critical hazard that cannot be fixed today is contained first (已管控), with
   * evidence; the item then waits for the fix to be answered as usual.
   */
  control: async ({ request, locals, url, params }) => {
    requireSection(locals, url, 'rectifications');
    const form = await request.formData();
    const values: Values = {
      response: text(form, 'measures'),
      evidence: parseAttachments(text(form, 'control-evidence')),
      decision: '',
      reason: '',
    };
    const refused = (
      status: number,
      kind: 'invalid' | 'refused' | 'failed',
      message: string | null,
      fields = {},
    ) => fail(status, { kind, action: 'control', values, message, fields } satisfies RectificationActionData);

    // Without JavaScript the photos come as files of this post; upload them first.
    const files = form
      .getAll('control-photo')
      .filter((value): value is File => typeof value === 'object' && value.size > 0);
    if (files.length > 0) {
      const item = await itemOf(locals, params.id);
      const uploaded = await uploadEvidence(locals.api, item.pilot.id, files);
      if (!uploaded.ok)
        return refused(uploaded.error.status, 'failed', failureText(uploaded.error, locals.locale));
      values.evidence = [...values.evidence, ...uploaded.data];
    }
    const parsed = parseInput(
      controlRectificationSchema,
      {
        rectificationId: params.id,
        measures: values.response,
        evidenceRefs: values.evidence.map((file) => file.id),
      },
      locals.locale,
    );
    if (!parsed.ok) {
      const fields = fieldErrors({
        status: 400,
        code: 'invalid',
        message: '',
        issues: parsed.issues,
        reasons: [],
      });
      return refused(400, 'invalid', null, fields);
    }
    const { rectificationId: _id, ...body } = parsed.data;
    const result = await locals.api.call((c) =>
      c.POST('/rectifications/{id}/control', {
        params: { path: { id: params.id } },
        body,
        // Controlled once: the same measures sent again (a dropped connection) are recorded once.
        headers: { 'idempotency-key': idempotencyKey('control', params.id, body) },
      }),
    );
    if (!result.ok) {
      return refused(
        result.error.status,
        result.error.status === 409 ? 'refused' : result.error.status === 400 ? 'invalid' : 'failed',
        failureText(result.error, locals.locale),
        fieldErrors(result.error),
      );
    }
    return {
      kind: 'done',
      action: 'control',
      status: result.data.status,
      decision: null,
    } satisfies RectificationActionData;
  },

  /** 核验 (inspector): accept closes the item (销号); reject sends it back with a reason. */
  verify: async ({ request, locals, url, params }) => {
    requireSection(locals, url, 'rectifications');
    const form = await request.formData();
    const values: Values = {
      response: '',
      evidence: [],
      decision: text(form, 'decision'),
      reason: text(form, 'reason'),
    };
    const refused = (
      status: number,
      kind: 'invalid' | 'refused' | 'failed',
      message: string | null,
      fields = {},
    ) => fail(status, { kind, action: 'verify', values, message, fields } satisfies RectificationActionData);
    const parsed = parseInput(
      verifyRectificationSchema,
      {
        rectificationId: params.id,
        decision: values.decision,
        ...(values.reason.trim() ? { reason: values.reason } : {}),
      },
      locals.locale,
    );
    if (!parsed.ok) {
      const fields = fieldErrors({
        status: 400,
        code: 'invalid',
        message: '',
        issues: parsed.issues,
        reasons: [],
      });
      return refused(400, 'invalid', null, fields);
    }
    const { rectificationId: _id, ...body } = parsed.data;
    const result = await locals.api.call((c) =>
      c.POST('/rectifications/{id}/verify', {
        params: { path: { id: params.id } },
        body,
        headers: {
          'idempotency-key': idempotencyKey('verify', params.id, { body, attempt: text(form, 'attempt') }),
        },
      }),
    );
    if (!result.ok) {
      return refused(
        result.error.status,
        result.error.status === 409 ? 'refused' : result.error.status === 400 ? 'invalid' : 'failed',
        failureText(result.error, locals.locale),
        fieldErrors(result.error),
      );
    }
    return {
      kind: 'done',
      action: 'verify',
      status: result.data.status,
      decision: parsed.data.decision,
    } satisfies RectificationActionData;
  },
};
