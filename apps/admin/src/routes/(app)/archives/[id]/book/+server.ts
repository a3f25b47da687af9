import { passThrough } from '$lib/server/downloads';
import { FILE_HEADERS, fileOrError } from '$lib/server/file-downloads';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/**
 * 档案册: the archive's printable file book. The API makes it on the first download, then serves
 * the stored bytes with their sha256 (409 when the stored file no longer matches).
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireUser(locals, url);
  const result = await passThrough(
    locals.api,
    (c) => c.GET('/archives/{id}/book.pdf', { params: { path: { id: params.id } }, parseAs: 'stream' }),
    FILE_HEADERS,
  );
  return fileOrError(locals, result);
};
