import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { passThrough } from '$lib/server/downloads';
import { requireRole } from '$lib/server/field-work';
import { isImportKind } from '$lib/server/imports';
import type { RequestHandler } from './$types';

/** 下载模板: the .xlsx template of one sheet, with its Chinese headers, drop-downs and instructions. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireRole(locals, url, ['admin']);
  if (!isImportKind(params.kind)) error(404, translate(locals.locale, 'errors.notFound'));
  const kind = params.kind;
  const result = await passThrough(
    locals.api,
    (c) => c.GET('/imports/templates/{kind}', { params: { path: { kind } }, parseAs: 'stream' }),
    ['content-type', 'content-disposition', 'content-length'],
  );
  if (!result.ok) error(result.error.status, result.error.message);
  return result.data;
};
