import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { publicDisclosure } from '$lib/server/cases';
import type { PageServerLoad } from './$types';

/**
 * 信息公开: the subdistrict's newest published snapshot, for anyone (access.ts lists /public as
 * open). The API caches it by snapshot; this page may be kept a minute by browsers and proxies,
 * unless the visitor is signed in (hooks.server.ts then marks the answer private).
 */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
  const result = await publicDisclosure(locals.api, params.subdistrict);
  if (!result.ok) {
    if (result.error.status === 404) return { subdistrict: params.subdistrict, snapshot: null };
    error(503, translate(locals.locale, 'errors.unreachable'));
  }
  if (!locals.user) setHeaders({ 'cache-control': 'public, max-age=60, stale-while-revalidate=600' });
  return { subdistrict: params.subdistrict, snapshot: result.data };
};
