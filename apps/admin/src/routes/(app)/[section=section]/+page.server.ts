import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

/**
 * Sections whose screens are not built yet: the route exists (so navigation, role checks and the
 * layout are real) and says so. A section that gets its own folder under (app)/ takes precedence.
 */
export const load: PageServerLoad = ({ locals, url, params }) => ({
  item: requireSection(locals, url, params.section),
});
