import { redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requireRole } from '$lib/server/field-work';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { checkImportFile, isImportKind } from '$lib/server/imports';
import type { Actions, PageServerLoad } from './$types';

/** 批量导入: which sheet, its template, the upload, and the latest imports. Admins only. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'register');
  requireRole(locals, url, ['admin']);
  const kindParam = url.searchParams.get('kind') ?? '';
  const recent = await locals.api.call((c) => c.GET('/imports'));
  return {
    kind: isImportKind(kindParam) ? kindParam : 'compounds',
    recent: recent.ok ? recent.data.items : null,
    failure: recent.ok ? null : { message: recent.error.message, requestId: recent.error.requestId ?? null },
  };
};

export const actions: Actions = {
  /** 检查: the dry run; nothing but the report is kept. Its report has its own page. */
  check: async ({ request, locals, url }) => {
    requireRole(locals, url, ['admin']);
    const form = await request.formData();
    const kind = text(form, 'kind');
    const file = form.get('file');
    if (!isImportKind(kind)) {
      return formFailure('check', { kind: translate(locals.locale, 'register.required') }, { kind });
    }
    if (!(file instanceof File) || file.size === 0) {
      return formFailure('check', { file: translate(locals.locale, 'imports.fileRequired') }, { kind });
    }
    const result = await checkImportFile(locals.api, kind, file);
    if (!result.ok) {
      // An unreadable or unsupported file (415, 413) is about the file the admin chose: say so there.
      if (result.error.status === 415 || result.error.status === 413) {
        return formFailure('check', { file: result.error.message }, { kind });
      }
      return apiFailure('check', result.error, { kind }, ['file']);
    }
    redirect(303, `/register/imports/${encodeURIComponent(result.data.id)}`);
  },
};
