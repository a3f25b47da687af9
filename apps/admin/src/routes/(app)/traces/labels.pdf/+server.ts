import { error } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import { passThrough } from '$lib/server/downloads';
import { FILE_HEADERS, fileOrError } from '$lib/server/file-downloads';
import { requireRole } from '$lib/server/field-work';
import { ID, LABEL_PRINTERS } from '$lib/server/traces';
import type { RequestHandler } from './$types';

/**
 * 标识标牌: the compound's equipment labels (eight an A4 page, each with the QR code of its record),
 * `?compound=` for all items in use, `&equipment=` for one; the token stays on this server.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireRole(locals, url, LABEL_PRINTERS);
  const id = url.searchParams.get('compound')?.trim() ?? '';
  const equipmentId = url.searchParams.get('equipment')?.trim() ?? '';
  if (!ID.test(id) || (equipmentId !== '' && !ID.test(equipmentId)))
    error(404, translate(locals.locale, 'errors.notFound'));
  const result = await passThrough(
    locals.api,
    (c) =>
      c.GET('/traces/compounds/{id}/labels.pdf', {
        params: { path: { id }, query: equipmentId ? { equipmentId } : {} },
        parseAs: 'stream',
      }),
    FILE_HEADERS,
  );
  return fileOrError(locals, result);
};
