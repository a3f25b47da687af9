import type { Api } from './api';

/**
 * The shell's unread badge, on every page: one cheap count at the API. A failure hides the badge
 * rather than the page: the inbox itself says what went wrong.
 */
export async function unreadNotices(api: Api): Promise<number | null> {
  const result = await api.call((c) => c.GET('/notices/unread-count'));
  return result.ok ? result.data.unread : null;
}
