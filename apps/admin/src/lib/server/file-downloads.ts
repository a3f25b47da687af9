import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import type { ApiResult } from './api';

/** The headers that name and describe a printed file or a ledger, passed on to the browser. */
export const FILE_HEADERS = [
  'content-type',
  'content-disposition',
  'content-length',
  'etag',
  'x-content-sha256',
  'x-row-count',
] as const;

/** The file, or the API's refusal as this app's error page (a 404 in the UI's own words). */
export function fileOrError(locals: App.Locals, result: ApiResult<Response>): Response {
  if (result.ok) return result.data;
  const notFound = result.error.status === 404;
  error(notFound ? 404 : result.error.status, {
    message: notFound ? translate(locals.locale, 'errors.notFound') : result.error.message,
    ...(result.error.requestId ? { requestId: result.error.requestId } : {}),
  });
}
