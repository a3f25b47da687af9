import { passThrough } from '$lib/server/downloads';
import { FILE_HEADERS, fileOrError } from '$lib/server/file-downloads';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** A task's checklist on A4: filled once the inspection is submitted, blank with the task's details before. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireUser(locals, url);
  const result = await passThrough(
    locals.api,
    (c) =>
      c.GET('/printing/tasks/{id}/checklist.pdf', { params: { path: { id: params.id } }, parseAs: 'stream' }),
    FILE_HEADERS,
  );
  return fileOrError(locals, result);
};
