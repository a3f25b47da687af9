import { redirect } from '@sveltejs/kit';
import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/** 台账管理 opens on its first list, 小区. */
export const load: PageServerLoad = ({ locals, url }) => {
  requireSection(locals, url, 'register');
  redirect(303, '/register/compounds');
};
