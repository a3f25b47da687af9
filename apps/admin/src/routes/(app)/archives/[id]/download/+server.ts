import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { passThrough } from '$lib/server/downloads';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/**
 * 档案下载: the archived JSON document byte for byte. The API checks it against its hash first and
 * answers 409 when the stored file no longer matches; whoever may see the pilot may download it.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireUser(locals, url);
  const result = await passThrough(
    locals.api,
    (c) => c.GET('/archives/{id}/download', { params: { path: { id: params.id } }, parseAs: 'stream' }),
    ['content-type', 'content-disposition', 'content-length', 'etag', 'x-content-sha256'],
  );
  if (!result.ok) {
    const notFound = result.error.status === 404;
    error(notFound ? 404 : result.error.status, {
      message: notFound ? translate(locals.locale, 'errors.notFound') : result.error.message,
      ...(result.error.requestId ? { requestId: result.error.requestId } : {}),
    });
  }
  return result.data;
};
