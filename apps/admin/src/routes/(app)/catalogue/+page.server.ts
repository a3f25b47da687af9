import { redirect } from '@sveltejs/kit';
import {
  placeStandardIssues,
  readStandardEdit,
  standardChanges,
} from '$lib/components/catalogue/standard-edit';
import { translate } from '$lib/i18n';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const VERSION = /^\d{4}\.\d{1,3}$/;

function back(version: string, done: string, extra: Record<string, string> = {}): never {
  const query = new URLSearchParams({ version, done, ...extra });
  redirect(303, `/catalogue?${query.toString()}`);
}

/** 评价标准: the versions, and one of them in full (the newest unless the address names another). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'catalogue');
  const list = await locals.api.call((c) =>
    c.GET('/catalogue/versions', { params: { query: { pageSize: 100 } } }),
  );
  if (!list.ok) {
    return {
      versions: [],
      selected: null,
      failure: { message: list.error.message, requestId: list.error.requestId ?? null },
    };
  }
  const asked = url.searchParams.get('version');
  const fallback = list.data.items.find((v) => v.status === 'published') ?? list.data.items[0];
  const id = asked && list.data.items.some((v) => v.id === asked) ? asked : fallback?.id;
  const detail = id
    ? await locals.api.call((c) => c.GET('/catalogue/versions/{id}', { params: { path: { id } } }))
    : null;
  return {
    versions: list.data.items,
    selected: detail?.ok ? detail.data : null,
    failure:
      detail && !detail.ok
        ? { message: detail.error.message, requestId: detail.error.requestId ?? null }
        : null,
  };
};

export const actions: Actions = {
  /** 起草: a new draft copied from a published version. */
  draft: async ({ request, locals }) => {
    const form = await request.formData();
    const values = {
      version: text(form, 'version'),
      basedOn: text(form, 'basedOn'),
      title: text(form, 'title'),
    };
    const result = await locals.api.call((c) =>
      c.POST('/catalogue/versions', {
        body: {
          version: values.version,
          basedOn: values.basedOn,
          ...(values.title ? { title: values.title } : {}),
        },
      }),
    );
    if (!result.ok) return apiFailure('draft', result.error, values, ['version', 'basedOn', 'title']);
    back(result.data.id, 'created');
  },

  /** 修改标准: one standard of a draft (text, weight, critical, weekly checklist membership). */
  update: async ({ request, locals }) => {
    const form = await request.formData();
    const version = text(form, 'version');
    const values = readStandardEdit(form);
    if (!VERSION.test(version)) {
      return formFailure('update', {}, { values }, translate(locals.locale, 'errors.notFound'));
    }
    const detail = await locals.api.call((c) =>
      c.GET('/catalogue/versions/{id}', { params: { path: { id: version } } }),
    );
    if (!detail.ok) return apiFailure('update', detail.error, { values });
    const changes = standardChanges(detail.data, values);
    if (!changes) return formFailure('update', {}, { values }, translate(locals.locale, 'errors.notFound'));
    const result = await locals.api.call((c) =>
      c.PATCH('/catalogue/versions/{id}', { params: { path: { id: version } }, body: { changes } }),
    );
    if (!result.ok) {
      return apiFailure('update', result.error, { values }, placeStandardIssues(result.error.issues));
    }
    back(version, 'saved', { code: values.code });
  },

  /** 发布: quoting the fingerprint the admin reviewed; refused if the draft changed since. */
  publish: async ({ request, locals }) => {
    const form = await request.formData();
    const version = text(form, 'version');
    const fingerprint = text(form, 'fingerprint');
    const result = await locals.api.call((c) =>
      c.POST('/catalogue/versions/{id}/publish', {
        params: { path: { id: version } },
        body: { version, fingerprint },
      }),
    );
    if (!result.ok) return apiFailure('publish', result.error, { version });
    back(version, 'published');
  },
};
