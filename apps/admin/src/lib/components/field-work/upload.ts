import type { Attachment } from '$lib/api/field-work';

/*
 * Photos from the phone's camera, on their way to the API: made small enough for a weak signal
 * (a 12-megapixel JPEG becomes a ~300 kB one of 1600 px), converted when the camera wrote a type the
 * API does not keep (HEIC), then sent to the admin's own /evidence route, which adds the session.
 */

/** Types the API keeps as they are (PDF only from file pickers, never re-encoded). */
export const KEPT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
/** Longest side of a photo after resizing. */
export const MAX_SIDE = 1600;
/** Photos below this size and of a kept type are sent untouched. */
export const SMALL_ENOUGH = 1.5 * 1024 * 1024;
export const MAX_BYTES = 10 * 1024 * 1024;

/** Width and height that fit within `max` on the longer side, keeping the ratio; never enlarged. */
export function fitWithin(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= max || longest === 0) return { width, height };
  const scale = max / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Whether the file should be re-encoded before it is sent. */
export function needsResize(file: { type: string; size: number }): boolean {
  if (file.type === 'application/pdf') return false;
  if (!file.type.startsWith('image/')) return false;
  return !KEPT_TYPES.includes(file.type) || file.size > SMALL_ENOUGH;
}

/** `IMG_0012.HEIC` → `IMG_0012.jpg`. */
export function jpegName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'photo';
  return `${base}.jpg`;
}

/** A JPEG of at most MAX_SIDE px when the browser can decode the photo; the original otherwise. */
export async function preparePhoto(file: File): Promise<File> {
  if (!needsResize(file) || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
    if (!blob) return file;
    return new File([blob], jpegName(file.name), { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    // Not decodable here (an unusual format): let the API say what it thinks of it.
    return file;
  }
}

export type UploadOutcome = { ok: true; files: Attachment[] } | { ok: false; message: string };

/** What the files are evidence of: a pilot's work, or a matter (none yet while a report is written). */
export type EvidenceScope = { pilotId: string } | { matterId: string | null };

/** Sends the files as evidence of the pilot or matter; `offlineMessage` when no answer came at all. */
export async function uploadFiles(
  scope: EvidenceScope,
  files: readonly File[],
  messages: { offline: string; failed: string },
): Promise<UploadOutcome> {
  const form = new FormData();
  if ('pilotId' in scope) form.set('pilotId', scope.pilotId);
  else {
    form.set('for', 'matter');
    if (scope.matterId) form.set('matterId', scope.matterId);
  }
  for (const file of files) form.append('file', await preparePhoto(file));
  let response: Response;
  try {
    response = await fetch('/evidence', {
      method: 'POST',
      body: form,
      headers: { accept: 'application/json' },
    });
  } catch {
    return { ok: false, message: messages.offline };
  }
  const body = (await response.json().catch(() => null)) as { items?: Attachment[]; message?: string } | null;
  if (response.ok && body?.items) return { ok: true, files: body.items };
  return { ok: false, message: body?.message || messages.failed };
}

/** Where a stored file is shown from (the admin's pass-through to the API). */
export function evidenceUrl(id: string): string {
  return `/evidence/${encodeURIComponent(id)}`;
}
