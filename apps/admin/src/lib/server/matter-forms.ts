import { fail } from '@sveltejs/kit';
import { MATTER_CATEGORIES, MATTER_URGENCIES, RECORDED_SOURCES } from '@pilot/domain';
import type { Attachment } from '$lib/api/field-work';
import type { DuplicateCandidate, MatterActionName } from '$lib/api/matter-types';
import { parseAttachments } from '$lib/components/inspection/form-fields';
import type { MatterActionData, MatterFormName } from '$lib/components/matters/types';
import { translate } from '$lib/i18n';
import { fieldErrors, type ApiFailure } from './api';
import { failureText, idempotencyKey } from './field-work';
import {
  actOnMatter,
  createMatter,
  uploadMatterEvidence,
  type CreateMatterBody,
  type MatterStep,
} from './matters';

/*
 * The matter forms' posts: read the fields, upload photos a page without JavaScript sent as files,
 * check what can be checked here, send with an Idempotency-Key of the body (the same answer sent
 * twice is recorded once; `attempt`, the timeline's length, makes the same words after a reopen a
 * new request), and answer with MatterActionData.
 */

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

const oneOf = <T extends string>(values: readonly T[], value: string): T | undefined =>
  values.find((known) => known === value);

function refusal(
  action: MatterFormName,
  values: Record<string, string>,
  evidence: Attachment[],
  status: number,
  kind: 'invalid' | 'refused' | 'failed',
  message: string | null,
  fields: Record<string, string> = {},
  duplicates: DuplicateCandidate[] | null = null,
) {
  return fail(status >= 400 && status <= 599 ? status : 500, {
    kind,
    action,
    values,
    evidence,
    message,
    fields,
    duplicates,
  } satisfies MatterActionData);
}

function apiRefusal(
  action: MatterFormName,
  values: Record<string, string>,
  evidence: Attachment[],
  error: ApiFailure,
  locale: App.Locals['locale'],
) {
  const kind = error.status === 409 ? 'refused' : error.status === 400 ? 'invalid' : 'failed';
  const fields = error.status === 400 ? fieldErrors(error) : {};
  // Field messages stand at their fields; the form says something only when they do not cover it.
  const message =
    Object.keys(fields).length > 0 && error.reasons.length === 0 ? null : failureText(error, locale);
  return refusal(action, values, evidence, error.status, kind, message, fields);
}

/** Photos already uploaded (hidden JSON `evidence`) plus files posted with the form (`photo`). */
async function evidenceOf(locals: App.Locals, form: FormData, matterId: string | null) {
  const attached = parseAttachments(text(form, 'evidence'));
  const files = form
    .getAll('photo')
    .filter((value): value is File => typeof value === 'object' && value.size > 0);
  if (files.length === 0) return { ok: true as const, evidence: attached };
  const uploaded = await uploadMatterEvidence(locals.api, matterId, files);
  if (!uploaded.ok) return { ok: false as const, error: uploaded.error, evidence: attached };
  return { ok: true as const, evidence: [...attached, ...uploaded.data] };
}

type Built = { ok: true; step: MatterStep } | { ok: false; fields: Record<string, string> };

/** The body of each action from its form; a required field left empty is named here. */
function buildStep(
  action: MatterActionName,
  form: FormData,
  evidence: Attachment[],
  required: string,
): Built {
  const fields: Record<string, string> = {};
  const need = (name: string) => {
    const value = text(form, name);
    if (!value) fields[name] = required;
    return value;
  };
  const note = text(form, 'note');
  const optionalNote = note ? { note } : {};
  const done = (step: MatterStep): Built =>
    Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, step };
  switch (action) {
    case 'assign': {
      const category = oneOf(MATTER_CATEGORIES, need('category'));
      const urgency = oneOf(MATTER_URGENCIES, need('urgency'));
      const [kind, id] = need('assignee').split(':');
      const assignee =
        kind === 'firm' && id
          ? { kind: 'firm' as const, firmId: id }
          : kind === 'party' && id
            ? { kind: 'party' as const, partyId: id }
            : null;
      if (!assignee) fields.assignee ??= required;
      if (!category || !urgency || !assignee) return { ok: false, fields };
      return done({ action, body: { category, urgency, assignee, ...optionalNote } });
    }
    case 'accept':
      return done({ action, body: {} });
    case 'return':
      return done({ action, body: { reason: need('reason') } });
    case 'cancel':
      return done({ action, body: { reason: need('reason') } });
    case 'join': {
      const partyIds = form.getAll('partyIds').filter((v): v is string => typeof v === 'string' && v !== '');
      if (partyIds.length === 0) fields.partyIds = required;
      return done({ action, body: { partyIds, ...optionalNote } });
    }
    case 'progress':
      return done({ action, body: { note: need('note'), evidenceRefs: evidence.map((file) => file.id) } });
    case 'answer':
      return done({ action, body: { note: need('note'), evidenceRefs: evidence.map((file) => file.id) } });
    case 'rate': {
      const solved = need('solved');
      const rating = Number(need('rating'));
      const comment = text(form, 'comment');
      return done({ action, body: { solved: solved === 'yes', rating, ...(comment ? { comment } : {}) } });
    }
    case 'confirm': {
      const solved = need('solved');
      const rating = Number(text(form, 'rating'));
      return done({
        action,
        body: {
          solved: solved === 'yes',
          rating: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null,
          note: need('note'),
        },
      });
    }
  }
}

const valuesOf = (form: FormData): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || name === 'evidence') continue;
    // Several checked boxes (partyIds) come back as one comma list, enough to tick them again.
    values[name] = name in values ? `${values[name]},${value}` : value;
  }
  return values;
};

/** One action of the matter page (`?/assign`, `?/answer`, …). */
export async function matterAction(
  action: MatterActionName,
  locals: App.Locals,
  request: Request,
  matterId: string,
) {
  const form = await request.formData();
  const values = valuesOf(form);
  const photos = await evidenceOf(locals, form, matterId);
  if (!photos.ok) {
    return refusal(
      action,
      values,
      photos.evidence,
      photos.error.status,
      'failed',
      failureText(photos.error, locals.locale),
    );
  }
  const built = buildStep(action, form, photos.evidence, translate(locals.locale, 'matters.required'));
  if (!built.ok) return refusal(action, values, photos.evidence, 400, 'invalid', null, built.fields);
  const key = idempotencyKey(action, matterId, { body: built.step.body, attempt: text(form, 'attempt') });
  const result = await actOnMatter(locals.api, matterId, built.step, key);
  if (!result.ok) return apiRefusal(action, values, photos.evidence, result.error, locals.locale);
  return { kind: 'done', action, id: matterId, number: null } satisfies MatterActionData;
}

/**
 * 我要报事 (resident) or 登记事项 (coordinator, with the source, compound, caller and urgency).
 * A 409 "same problem?" comes back with its candidates; the page asks, and posts again with
 * `confirmNotDuplicate`.
 */
export async function reportAction(locals: App.Locals, request: Request, recorded: boolean) {
  const form = await request.formData();
  const values = valuesOf(form);
  const photos = await evidenceOf(locals, form, null);
  if (!photos.ok) {
    return refusal(
      'report',
      values,
      photos.evidence,
      photos.error.status,
      'failed',
      failureText(photos.error, locals.locale),
    );
  }
  const required = translate(locals.locale, 'matters.required');
  const fields: Record<string, string> = {};
  const need = (name: string) => {
    const value = text(form, name);
    if (!value) fields[name] = required;
    return value;
  };
  const category = oneOf(MATTER_CATEGORIES, need('category'));
  const location = need('location');
  const description = need('description');
  const compoundId = recorded ? need('compoundId') : text(form, 'compoundId');
  const source = recorded ? oneOf(RECORDED_SOURCES, need('source')) : undefined;
  const urgency = recorded ? oneOf(MATTER_URGENCIES, need('urgency')) : undefined;
  const callerName = text(form, 'callerName');
  const callerPhone = text(form, 'callerPhone');
  if (!category || Object.keys(fields).length > 0) {
    return refusal('report', values, photos.evidence, 400, 'invalid', null, fields);
  }
  const body: CreateMatterBody = {
    category,
    location,
    description,
    evidenceRefs: photos.evidence.map((file) => file.id),
    ...(compoundId ? { compoundId } : {}),
    ...(text(form, 'confirmNotDuplicate') === 'true' ? { confirmNotDuplicate: true } : {}),
    ...(source ? { source } : {}),
    ...(urgency ? { urgency } : {}),
    ...(recorded && callerName ? { callerName } : {}),
    ...(recorded && callerPhone ? { callerPhone } : {}),
  };
  // A fresh key per form render (`key`): the same report sent twice is one matter, while a second,
  // identical report written later is a new one.
  const key = idempotencyKey('report', text(form, 'key') || 'form', body);
  const { result, duplicates } = await createMatter(locals.api, body, key);
  if (!result.ok) {
    if (duplicates) {
      return refusal('report', values, photos.evidence, 409, 'refused', null, {}, duplicates);
    }
    return apiRefusal('report', values, photos.evidence, result.error, locals.locale);
  }
  return {
    kind: 'done',
    action: 'report',
    id: result.data.id,
    number: result.data.number,
  } satisfies MatterActionData;
}
