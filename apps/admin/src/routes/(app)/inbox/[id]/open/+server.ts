import { error, redirect } from '@sveltejs/kit';
import { noticeTarget, targetPath } from '$lib/components/notices/notice-link';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/**
 * Opens a notice: marks it read and goes on to what it is about, as the reader's role sees it. The
 * inbox's links and the e-mail / group-robot messages all point here. A GET that changes state,
 * deliberately: following a link is what "opening" a notice is, and marking it read again changes
 * nothing (the first read time stays). SvelteKit never preloads an endpoint like this one.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  const user = requireUser(locals, url);
  const notice = await locals.api.call((c) =>
    c.GET('/notices/{id}', { params: { path: { id: params.id } } }),
  );
  if (!notice.ok) error(notice.error.status === 404 ? 404 : notice.error.status, notice.error.message);
  if (notice.data.readAt === null) {
    const read = await locals.api.call((c) =>
      c.POST('/notices/{id}/read', { params: { path: { id: params.id } } }),
    );
    if (!read.ok) error(read.error.status, read.error.message);
  }
  const target = noticeTarget(notice.data, user.role);
  redirect(303, target ? targetPath(target) : '/inbox');
};
