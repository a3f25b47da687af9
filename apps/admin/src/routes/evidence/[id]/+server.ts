import { error } from '@sveltejs/kit';
import { downloadEvidence } from '$lib/server/field-work';
import { requireUser } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** Passed on from the API's response: what the browser needs to show the file safely. */
const FORWARDED = ['content-type', 'content-length', 'content-disposition', 'x-evidence-sha256'];

/**
 * 佐证文件: a photo or document as the API serves it to this user, so pages can show thumbnails
 * with a plain `<img src="/evidence/…">` without the token ever reaching the browser.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
  requireUser(locals, url);
  const result = await downloadEvidence(locals.api, params.id);
  if (!result.ok) error(result.error.status === 404 ? 404 : result.error.status, result.error.message);
  const headers = new Headers({
    // The same protections the API sets: nothing in an uploaded file may run as a page of ours.
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  });
  for (const name of FORWARDED) {
    const value = result.data.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(result.data.body, { status: 200, headers });
};
