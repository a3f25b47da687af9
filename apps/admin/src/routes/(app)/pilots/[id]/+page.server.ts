import { error, redirect } from '@sveltejs/kit';
import { INSPECTOR_KINDS, type InspectorKind } from '$lib/api/pilot-types';
import {
  assignmentsOf,
  blankKinds,
  emptyInspectors,
  inspectorField,
  placeEnrollIssues,
  unassignedMessage,
} from '$lib/components/enroll/enroll-form';
import { parseTaskFilters, taskQuery } from '$lib/components/field-work/list-filters';
import { translate } from '$lib/i18n';
import type { Api } from '$lib/server/api';
import { loadDirectory } from '$lib/server/directory';
import { apiFailure, formFailure, keyFrom, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { listMatters } from '$lib/server/matters';
import type { Actions, PageServerLoad } from './$types';

/** The pilot's id in the path (the body repeats it; the API checks that the two agree). */
const pilotPath = (id: string) => ({ path: { id } });

/** An action's Idempotency-Key travels as a header; the API turns it into the Update's id. */
const once = (form: FormData) => ({ 'idempotency-key': keyFrom(form) });

async function publishedVersions(api: Api) {
  const result = await api.call((c) =>
    c.GET('/catalogue/versions', { params: { query: { status: 'published', pageSize: 100 } } }),
  );
  return result.ok ? result.data.items.map((version) => ({ id: version.id, title: version.title })) : [];
}

/** The pilot's inspections, a page at a time (the filters are prefixed `task…` in the address). */
const INSPECTIONS_PAGE = 20;
/** The pilot's rectification items shown on its page; all of them are in 整改 (filtered to the compound). */
const RECTIFICATIONS_SHOWN = 20;
/** The compound's latest matters shown on its pilot's page; all of them are in 事项. */
const MATTERS_SHOWN = 10;

/**
 * `?auditCursor=…`: older audit entries without JavaScript (加载更多 is a link to the next page; with
 * JavaScript it fetches the page and appends it). The API checks the cursor; this only keeps text
 * that could be one, so a mangled address shows the first page instead of an error.
 */
function auditCursorOf(url: URL): string | null {
  const value = url.searchParams.get('auditCursor');
  return value !== null && /^[A-Za-z0-9_-]{1,600}$/.test(value) ? value : null;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireSection(locals, url, 'pilots');
  const user = locals.user!;
  const inspectionFilters = parseTaskFilters(url.searchParams, 'task');
  const detail = await locals.api.call((c) => c.GET('/pilots/{id}', { params: { path: { id: params.id } } }));
  if (!detail.ok) {
    if (detail.error.status === 404) error(404, translate(locals.locale, 'errors.notFound'));
    return {
      detail: null,
      failure: { message: detail.error.message, requestId: detail.error.requestId ?? null },
      inspections: null,
      inspectionFilters,
      audit: null,
      auditCursor: null,
      rectifications: null,
      categories: [],
      inspectors: [],
      rolloutCompounds: [],
      versions: [],
      matters: null,
    };
  }
  const auditCursor = auditCursorOf(url);
  const [catalogue, directory, versions, inspections, rectifications, older, matters] = await Promise.all([
    locals.api.call((c) =>
      c.GET('/catalogue/versions/{id}', { params: { path: { id: detail.data.catalogueVersionId } } }),
    ),
    loadDirectory(locals.api, user.role),
    publishedVersions(locals.api),
    locals.api.call((c) =>
      c.GET('/tasks', {
        params: {
          query: {
            ...taskQuery(inspectionFilters),
            pilotId: params.id,
            // The latest first: what is running now and what was done last.
            sortOrder: 'desc',
            page: inspectionFilters.page,
            pageSize: INSPECTIONS_PAGE,
          },
        },
      }),
    ),
    locals.api.call((c) =>
      c.GET('/rectifications', {
        // The latest deadlines first: the current round's items, which are the ones still open.
        params: { query: { pilotId: params.id, sortOrder: 'desc', pageSize: RECTIFICATIONS_SHOWN } },
      }),
    ),
    auditCursor
      ? locals.api.call((c) =>
          c.GET('/pilots/{id}/timeline', {
            params: { path: { id: params.id }, query: { cursor: auditCursor } },
          }),
        )
      : null,
    // The compound's matters (事项) beside its scores: what residents, patrols and meetings raised.
    listMatters(locals.api, { view: 'all', compoundId: detail.data.compound.id, page: 1 }, MATTERS_SHOWN),
  ]);
  return {
    detail: detail.data,
    matters: matters.ok ? matters.data : null,
    failure: null,
    inspections: inspections.ok ? inspections.data : null,
    inspectionFilters,
    // An older page when the address asks for one (and the API took its cursor), else the newest.
    audit: older?.ok ? older.data : detail.data.timeline.audit,
    auditCursor: older?.ok ? auditCursor : null,
    rectifications: rectifications.ok ? rectifications.data : null,
    // Only the category names: the chart and the lists label scores by category.
    categories: catalogue.ok ? catalogue.data.categories.map((c) => ({ code: c.code, name: c.name })) : [],
    inspectors: directory.inspectors,
    rolloutCompounds: directory.compounds
      .filter((compound) => compound.pilot === null)
      .map((compound) => ({
        id: compound.id,
        name: compound.name,
        community: compound.community,
        firm: compound.firm,
      })),
    versions,
  };
};

function done(id: string, action: string): never {
  redirect(303, `/pilots/${encodeURIComponent(id)}?done=${action}`);
}

export const actions: Actions = {
  /** 应用新版工作日历 (admin): the pilot's work not yet open moves off the release's holidays. */
  adoptCalendar: async ({ request, locals, params }) => {
    const form = await request.formData();
    const version = text(form, 'version');
    if (!/^[1-9]\d{0,8}$/.test(version)) {
      return formFailure('adoptCalendar', {}, {}, translate(locals.locale, 'errors.notFound'));
    }
    const result = await locals.api.call((c) =>
      c.POST('/calendars/{version}/pilots/{pilotId}/adopt', {
        params: { path: { version, pilotId: params.id } },
        headers: once(form),
      }),
    );
    if (!result.ok) return apiFailure('adoptCalendar', result.error);
    const moved = result.data.outcome === 'adopted' ? result.data.result.moved.length : 0;
    redirect(303, `/pilots/${encodeURIComponent(params.id)}?calendar=adopted&moved=${moved}`);
  },

  pause: async ({ request, locals, params }) => {
    const form = await request.formData();
    const reason = text(form, 'reason');
    const result = await locals.api.call((c) =>
      c.POST('/pilots/{id}/pause', {
        params: pilotPath(params.id),
        body: { pilotId: params.id, reason },
        headers: once(form),
      }),
    );
    if (!result.ok) return apiFailure('pause', result.error, { reason }, ['reason']);
    done(params.id, 'pause');
  },

  resume: async ({ request, locals, params }) => {
    const form = await request.formData();
    const note = text(form, 'note');
    const result = await locals.api.call((c) =>
      c.POST('/pilots/{id}/resume', {
        params: pilotPath(params.id),
        body: { pilotId: params.id, ...(note ? { note } : {}) },
        headers: once(form),
      }),
    );
    if (!result.ok) return apiFailure('resume', result.error, { note }, ['note']);
    done(params.id, 'resume');
  },

  extend: async ({ request, locals, params }) => {
    const form = await request.formData();
    const target = text(form, 'target');
    const daysText = text(form, 'days');
    const reason = text(form, 'reason');
    const values = { target, days: daysText, reason };
    const [type, ...rest] = target.split(':');
    const targetId = rest.join(':');
    if ((type !== 'task' && type !== 'rectification') || !targetId) {
      return formFailure('extend', { target: translate(locals.locale, 'pilots.actions.required') }, values);
    }
    // Whole days only; the API checks the range (1–60) and says so in the reader's language.
    if (!/^\d{1,3}$/.test(daysText)) {
      return formFailure('extend', { days: translate(locals.locale, 'pilots.actions.daysHint') }, values);
    }
    const result = await locals.api.call((c) =>
      c.POST('/pilots/{id}/extend', {
        params: { path: { id: params.id } },
        body: { targetType: type, targetId, days: Number(daysText), reason },
        headers: once(form),
      }),
    );
    if (!result.ok) {
      // The form picks task and id in one field: the API's `targetId` / `targetType` stand there.
      const issues = result.error.issues.map((issue) => ({
        ...issue,
        path: issue.path.replace(/^target(Id|Type)\b/, 'target'),
      }));
      return apiFailure('extend', { ...result.error, issues }, values, ['target', 'days', 'reason']);
    }
    done(params.id, 'extend');
  },

  reassign: async ({ request, locals, params }) => {
    const form = await request.formData();
    const fromInspectorId = text(form, 'fromInspectorId');
    const toInspectorId = text(form, 'toInspectorId');
    const reason = text(form, 'reason');
    const kinds = form
      .getAll('kinds')
      .map(String)
      .filter((kind): kind is InspectorKind => (INSPECTOR_KINDS as readonly string[]).includes(kind));
    const values = { fromInspectorId, toInspectorId, reason, kinds };
    const required = translate(locals.locale, 'pilots.actions.required');
    if (!fromInspectorId || !toInspectorId) {
      return formFailure(
        'reassign',
        {
          ...(fromInspectorId ? {} : { fromInspectorId: required }),
          ...(toInspectorId ? {} : { toInspectorId: required }),
        },
        values,
      );
    }
    const result = await locals.api.call((c) =>
      c.POST('/pilots/{id}/reassign', {
        params: pilotPath(params.id),
        body: {
          pilotId: params.id,
          fromInspectorId,
          toInspectorId,
          ...(kinds.length > 0 ? { kinds } : {}),
          ...(reason ? { reason } : {}),
        },
        headers: once(form),
      }),
    );
    if (!result.ok)
      return apiFailure('reassign', result.error, values, ['fromInspectorId', 'toInspectorId', 'reason']);
    done(params.id, 'reassign');
  },

  withdraw: async ({ request, locals, params }) => {
    const form = await request.formData();
    const reason = text(form, 'reason');
    const result = await locals.api.call((c) =>
      c.POST('/pilots/{id}/withdraw', {
        params: pilotPath(params.id),
        body: { pilotId: params.id, reason },
        headers: once(form),
      }),
    );
    if (!result.ok) return apiFailure('withdraw', result.error, { reason }, ['reason']);
    done(params.id, 'withdraw');
  },

  promote: async ({ request, locals, params }) => {
    const form = await request.formData();
    const note = text(form, 'note');
    const result = await locals.api.call((c) =>
      c.POST('/pilots/{id}/promote', {
        params: pilotPath(params.id),
        body: { pilotId: params.id, ...(note ? { note } : {}) },
        headers: once(form),
      }),
    );
    if (!result.ok) return apiFailure('promote', result.error, { note }, ['note']);
    done(params.id, 'promote');
  },

  rollout: async ({ request, locals, params }) => {
    const form = await request.formData();
    const targetIds = form.getAll('targets').map(String);
    const startDate = text(form, 'startDate');
    const catalogueVersion = text(form, 'catalogueVersion');
    const inspectors = emptyInspectors();
    for (const kind of INSPECTOR_KINDS) inspectors[kind] = text(form, inspectorField(kind));
    const values = { targets: targetIds, startDate, catalogueVersion, inspectors };
    if (targetIds.length === 0) {
      return formFailure('rollout', { targets: translate(locals.locale, 'pilots.actions.pickOne') }, values);
    }
    const directory = await loadDirectory(locals.api, locals.user!.role);
    const chosen = directory.compounds.filter((compound) => targetIds.includes(compound.id));
    const assignments = assignmentsOf(inspectors);
    const result = await locals.api.call((c) =>
      c.POST('/pilots/{id}/rollout', {
        params: pilotPath(params.id),
        body: {
          sourcePilotId: params.id,
          startDate,
          catalogueVersion,
          targets: chosen.map((compound) => ({
            firm: { id: compound.firm.id, name: compound.firm.name },
            compound: { id: compound.id, name: compound.name, community: compound.community.name },
          })),
          inspectorAssignments: assignments,
        },
        headers: once(form),
      }),
    );
    if (!result.ok) {
      const placed = placeEnrollIssues(
        result.error.issues.map((issue) => ({
          ...issue,
          path: issue.path.startsWith('targets') ? 'compound' : issue.path,
        })),
        assignments,
        {
          kinds: blankKinds(inspectors),
          message: translate(locals.locale, 'enroll.pickInspector'),
          summary: unassignedMessage(blankKinds(inspectors), locals.locale),
        },
      );
      const fields = { ...placed.fields };
      if (fields.compoundId) {
        fields.targets = fields.compoundId;
        delete fields.compoundId;
      }
      return apiFailure('rollout', result.error, values, { fields, general: placed.general });
    }
    done(params.id, 'rollout');
  },
};
