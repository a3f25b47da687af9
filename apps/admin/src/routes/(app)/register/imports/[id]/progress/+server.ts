import { error, json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requireRole } from '$lib/server/field-work';
import type { RequestHandler } from './$types';

/**
 * How far an apply has got, for the report page's progress bar while its apply request runs: the
 * browser never talks to the API, so its script asks here and this asks the API with the session.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireRole(locals, url, ['admin']);
  const result = await locals.api.call((c) =>
    c.GET('/imports/{id}', { params: { path: { id: params.id } } }),
  );
  if (!result.ok) {
    const notFound = result.error.status === 404;
    error(result.error.status, notFound ? translate(locals.locale, 'errors.notFound') : result.error.message);
  }
  const { status, progress, counts } = result.data;
  return json({ status, progress, counts }, { headers: { 'cache-control': 'private, no-store' } });
};
