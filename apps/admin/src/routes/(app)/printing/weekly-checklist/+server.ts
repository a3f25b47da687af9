import { passThrough } from '$lib/server/downloads';
import { FILE_HEADERS, fileOrError } from '$lib/server/file-downloads';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** 周检查表 (blank) for paper days, of one compound (`?compound=`) or of none. */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireUser(locals, url);
  const compound = url.searchParams.get('compound')?.trim() ?? '';
  const result = await passThrough(
    locals.api,
    (c) =>
      c.GET('/printing/weekly-checklist.pdf', {
        params: { query: ID.test(compound) ? { compoundId: compound } : {} },
        parseAs: 'stream',
      }),
    FILE_HEADERS,
  );
  return fileOrError(locals, result);
};
