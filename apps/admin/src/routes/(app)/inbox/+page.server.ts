import { failureText } from '$lib/server/field-work';
import { apiFailure, keyFrom, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** 消息中心: the user's notices, newest first, every role alike. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const unreadOnly = url.searchParams.get('unread') === 'true';
  const cursor = url.searchParams.get('cursor') || null;
  const result = await locals.api.call((c) =>
    c.GET('/notices', {
      params: {
        query: {
          pageSize: PAGE_SIZE,
          ...(unreadOnly ? { unread: 'true' } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );
  return {
    role: user.role,
    unreadOnly,
    cursor,
    notices: result.ok ? result.data : null,
    failure: result.ok ? null : failureText(result.error, locals.locale),
  };
};

export const actions: Actions = {
  /** 标为已读. Reading twice is reading once, so no Idempotency-Key is needed for a repeat. */
  read: async ({ request, locals }) => {
    const id = text(await request.formData(), 'id');
    const result = await locals.api.call((c) => c.POST('/notices/{id}/read', { params: { path: { id } } }));
    if (!result.ok) return apiFailure('read', result.error);
    return { read: id };
  },
  /** 全部标为已读: up to the newest notice the page showed, so one that came meanwhile stays unread. */
  readAll: async ({ request, locals }) => {
    const form = await request.formData();
    const upTo = text(form, 'upTo');
    const result = await locals.api.call((c) =>
      c.POST('/notices/read-all', {
        body: upTo ? { upTo } : {},
        headers: { 'idempotency-key': keyFrom(form) },
      }),
    );
    if (!result.ok) return apiFailure('readAll', result.error);
    return { markedAll: result.data.marked };
  },
};
