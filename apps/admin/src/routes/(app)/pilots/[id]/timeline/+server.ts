import { error, json } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/**
 * The next page of a pilot's audit entries for 加载更多 with JavaScript (GET …/timeline?cursor=…):
 * the browser never talks to the API, so the page's script asks here and this asks the API with the
 * session's token. Without JavaScript the same link loads the page with `?auditCursor=…`.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireUser(locals, url);
  const cursor = url.searchParams.get('cursor') ?? undefined;
  const result = await locals.api.call((c) =>
    c.GET('/pilots/{id}/timeline', { params: { path: { id: params.id }, query: { cursor } } }),
  );
  if (!result.ok) {
    const notFound = result.error.status === 404;
    error(result.error.status, {
      message: notFound ? translate(locals.locale, 'errors.notFound') : result.error.message,
      ...(result.error.requestId ? { requestId: result.error.requestId } : {}),
    });
  }
  return json(result.data);
};
