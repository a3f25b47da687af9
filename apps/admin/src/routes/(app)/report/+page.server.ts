import type { Ref } from '$lib/api/pilot-types';
import { idempotencyKey } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import { reportAction } from '$lib/server/matter-forms';
import { reportLinkOf } from '$lib/server/governance';
import { compoundNameOf } from '$lib/server/matters';
import type { Actions, PageServerLoad } from './$types';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * 我要报事. A printed QR code points at `/report?compound=<id>`: log-in brings the resident back
 * here, and the compound's name says the report is about that one.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'report');
  const id = url.searchParams.get('compound')?.trim() ?? '';
  let compound: Ref | null = null;
  if (ID.test(id)) {
    // The report link names the compound (a resident may read their own compound's); an older
    // API, or a compound not theirs, falls back to the name on one of their matters there.
    const link = await reportLinkOf(locals.api, id);
    compound = { id, name: link.ok ? link.data.compoundName : await compoundNameOf(locals.api, id) };
  }
  return { compound, formKey: idempotencyKey() };
};

export const actions: Actions = {
  report: async ({ locals, url, request }) => {
    requireSection(locals, url, 'report');
    return reportAction(locals, request, false);
  },
};
