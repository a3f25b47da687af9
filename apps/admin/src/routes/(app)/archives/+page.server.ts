import { allCompounds } from '$lib/server/directory';
import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** 档案: one page of round archives, newest first, optionally of one compound. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'archives');
  const compoundId = url.searchParams.get('compound')?.trim() || undefined;
  const pageNumber = Number(url.searchParams.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;
  const [archives, compounds] = await Promise.all([
    locals.api.call((c) =>
      c.GET('/archives', {
        params: { query: { ...(compoundId ? { compoundId } : {}), page, pageSize: PAGE_SIZE } },
      }),
    ),
    allCompounds(locals.api),
  ]);
  return {
    compoundId: compoundId ?? null,
    archives: archives.ok ? archives.data : null,
    failure: archives.ok
      ? null
      : { message: archives.error.message, requestId: archives.error.requestId ?? null },
    // Only compounds with a pilot can have archives.
    compounds: compounds.ok
      ? compounds.data.filter((c) => c.pilot !== null).map((c) => ({ id: c.id, name: c.name }))
      : [],
  };
};
