import { redirect } from '@sveltejs/kit';
import {
  assignmentsOf,
  blankKinds,
  enrollBody,
  placeEnrollIssues,
  readEnrollForm,
  unassignedMessage,
  type EnrollBody,
  type EnrollFormValues,
} from '$lib/components/enroll/enroll-form';
import type { Compound } from '$lib/api/pilot-types';
import { uniqueRefs } from '$lib/components/pilots/board';
import { translate, type Locale } from '$lib/i18n';
import type { ApiFailure } from '$lib/server/api';
import { loadDirectory } from '$lib/server/directory';
import { apiFailure, formFailure, keyFrom } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/** 纳入试点: what the form offers (communities, compounds with their firm, inspectors, catalogue versions). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'enroll');
  const user = locals.user!;
  const [directory, versions] = await Promise.all([
    loadDirectory(locals.api, user.role),
    locals.api.call((c) =>
      c.GET('/catalogue/versions', { params: { query: { status: 'published', pageSize: 100 } } }),
    ),
  ]);
  // A deactivated compound keeps its records but is not enrolled again (see enrollable below).
  const compounds = enrollable(directory.compounds);
  return {
    communities: uniqueRefs(compounds.map((compound) => compound.community)),
    compounds: compounds.map((compound) => ({
      id: compound.id,
      name: compound.name,
      community: compound.community,
      firm: compound.firm,
      pilotId: compound.pilot?.id ?? null,
    })),
    inspectors: directory.inspectors,
    // Coordinators cannot list accounts; their list comes from existing pilots (see directory.ts).
    inspectorsFromPilots: user.role !== 'admin',
    versions: versions.ok
      ? versions.data.items.map((version) => ({ id: version.id, title: version.title }))
      : [],
    unavailable: compounds.length === 0,
  };
};

/** The compounds a coordinator may enroll: the active ones of the register. */
function enrollable(compounds: readonly Compound[]): Compound[] {
  return compounds.filter((compound) => compound.active);
}

type Read =
  | { ok: true; values: EnrollFormValues; body: EnrollBody }
  | { ok: false; values: EnrollFormValues; failure: ReturnType<typeof formFailure> };

/** The form's values and the request body, or the fields the coordinator still has to fill in. */
async function readForm(locals: App.Locals, form: FormData, action: string): Promise<Read> {
  const values = readEnrollForm(form);
  const t = (key: 'enroll.compoundRequired' | 'enroll.startDateRequired') => translate(locals.locale, key);
  const directory = await loadDirectory(locals.api, locals.user!.role);
  const body = enrollBody(values, enrollable(directory.compounds));
  const fields: Record<string, string> = {
    ...(body ? {} : { compoundId: t('enroll.compoundRequired') }),
    ...(values.startDate ? {} : { startDate: t('enroll.startDateRequired') }),
  };
  if (!body || Object.keys(fields).length > 0) {
    return { ok: false, values, failure: formFailure(action, fields, { values }) };
  }
  return { ok: true, values, body };
}

/** The API's 400 placed on the form's fields; anything that fits no field stays a message above it. */
function enrollFailure(action: string, error: ApiFailure, values: EnrollFormValues, locale: Locale) {
  const blank = blankKinds(values.inspectors);
  const placed = placeEnrollIssues(error.issues, assignmentsOf(values.inspectors), {
    kinds: blank,
    message: translate(locale, 'enroll.pickInspector'),
    summary: unassignedMessage(blank, locale),
  });
  return apiFailure(action, error, { values }, placed);
}

export const actions: Actions = {
  /** 预览: the schedule the pilot would follow, computed by the API; nothing is started. */
  preview: async ({ request, locals }) => {
    const form = await request.formData();
    const read = await readForm(locals, form, 'preview');
    if (!read.ok) return read.failure;
    const result = await locals.api.call((c) => c.POST('/pilots/preview', { body: read.body }));
    if (!result.ok) return enrollFailure('preview', result.error, read.values, locals.locale);
    return { values: read.values, preview: result.data };
  },

  /** 确认纳入: starts the pilot (201) or finds the compound's pilot (200), then opens it. */
  enroll: async ({ request, locals }) => {
    const form = await request.formData();
    const read = await readForm(locals, form, 'enroll');
    if (!read.ok) return read.failure;
    const result = await locals.api.call((c) =>
      c.POST('/pilots', { body: read.body, headers: { 'idempotency-key': keyFrom(form) } }),
    );
    if (!result.ok) return enrollFailure('enroll', result.error, read.values, locals.locale);
    const enrolled = result.status === 201 && !result.data.alreadyEnrolled ? 'new' : 'existing';
    redirect(303, `/pilots/${encodeURIComponent(result.data.enrollmentId)}?enrolled=${enrolled}`);
  },
};
