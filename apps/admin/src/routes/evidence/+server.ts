import { error, json } from '@sveltejs/kit';
import { uploadEvidenceSchema } from '@pilot/domain';
import { translate } from '$lib/i18n';
import { failureText, uploadEvidence } from '$lib/server/field-work';
import { requireUser } from '$lib/server/guard';
import { uploadMatterEvidence } from '$lib/server/matters';
import type { RequestHandler } from './$types';

/**
 * 上传佐证: the pages send a photo here the moment it is taken (field `pilotId`, parts `file`), and
 * this passes it on to the API as the signed-in user. Answers `{ items: Attachment[] }`, or
 * `{ message }` with the API's status (413 too large, 415 wrong type, 404 not the user's pilot).
 */
export const POST: RequestHandler = async ({ request, locals, url }) => {
  requireUser(locals, url);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    error(400, translate(locals.locale, 'evidence.unreadable'));
  }
  const files = form
    .getAll('file')
    .filter((value): value is File => typeof value === 'object' && value.size > 0);
  // Photos of a matter (field `for=matter`, `matterId` once the matter exists) go the same way.
  if (form.get('for') === 'matter' && files.length > 0) {
    const matterId = form.get('matterId');
    const result = await uploadMatterEvidence(
      locals.api,
      typeof matterId === 'string' && matterId ? matterId : null,
      files,
    );
    if (!result.ok) {
      return json({ message: failureText(result.error, locals.locale) }, { status: result.error.status });
    }
    return json({ items: result.data }, { status: 201 });
  }
  const parsed = uploadEvidenceSchema.safeParse({ pilotId: form.get('pilotId') });
  if (!parsed.success || files.length === 0) {
    return json({ message: translate(locals.locale, 'evidence.nothingToUpload') }, { status: 400 });
  }
  const result = await uploadEvidence(locals.api, parsed.data.pilotId, files);
  if (!result.ok) {
    return json({ message: failureText(result.error, locals.locale) }, { status: result.error.status });
  }
  return json({ items: result.data }, { status: 201 });
};
