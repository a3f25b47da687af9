import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { passThrough } from '$lib/server/downloads';
import { FILE_HEADERS, fileOrError } from '$lib/server/file-downloads';
import { ID } from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/**
 * 扫码报事 posters (A4 PDF with the compound's QR code): `compound.pdf?id=` for one compound,
 * `community.pdf?id=` for all of a community's; the token stays on this server.
 */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireSection(locals, url, 'governance');
  const id = url.searchParams.get('id')?.trim() ?? '';
  if (!ID.test(id) || (params.file !== 'compound.pdf' && params.file !== 'community.pdf'))
    error(404, translate(locals.locale, 'errors.notFound'));
  const result = await passThrough(
    locals.api,
    (c) =>
      params.file === 'compound.pdf'
        ? c.GET('/compounds/{id}/report-poster.pdf', { params: { path: { id } }, parseAs: 'stream' })
        : c.GET('/compounds/report-posters.pdf', {
            params: { query: { communityId: id } },
            parseAs: 'stream',
          }),
    FILE_HEADERS,
  );
  return fileOrError(locals, result);
};
