import { redirect } from '@sveltejs/kit';
import {
  checkpointNames,
  ENTRY_FIELDS,
  type EntryEcho,
  entryBody,
  entryValues,
  isKind,
  missedOf,
  placeIssues,
  reader,
} from '$lib/components/traces/trace-form';
import { translate } from '$lib/i18n';
import { apiFailure, formFailure } from './forms';
import { compoundTraces, photosOf, recordEntry, type RecordEntryBody } from './traces';

/*
 * One action for every logbook entry form (an item's quick form, a round, a visitor, an acceptance,
 * a correction of any of them): the photos uploaded first, the body built for the entry's kind, a
 * round with unticked checkpoints sent only once the missed ones are confirmed, and the API's field
 * messages placed at the fields.
 */

export async function recordEntryAction(
  locals: App.Locals,
  request: Request,
  /** Where the recorded entry sends the user (a `?done=` flash on the page it came from). */
  next: (entry: { id: string; correctsId: string | null; compoundId: string }) => string,
) {
  const form = await request.formData();
  const read = reader(form);
  const kind = read('entryKind');
  const visited = form.getAll('visited').map(String);
  const values = { ...entryValues(read), ...(read('confirmMissed') ? { confirmMissed: 'on' } : {}) };
  const photos = await photosOf(locals.api, form);
  const echo = (): { entry: EntryEcho } => ({ entry: { kind, values, visited, photos: photos.photos } });
  if (!photos.ok) return apiFailure('entry', photos.error, echo(), []);
  if (!isKind(kind)) return formFailure('entry', {}, echo(), translate(locals.locale, 'errors.unexpected'));

  if (kind === 'patrol') {
    // Checkpoints left unticked are recorded as missed: only once the walker has said so.
    const overview = await compoundTraces(locals.api, read('compoundId'));
    const route = overview.ok ? overview.data.routes.find((r) => r.id === read('routeId')) : undefined;
    const missed = route ? missedOf(route, visited) : [];
    if (missed.length > 0 && read('confirmMissed') !== 'on')
      return formFailure(
        'entry',
        { confirmMissed: translate(locals.locale, 'traces.walk.confirmRequired') },
        echo(),
        translate(locals.locale, 'traces.walk.missedWarning', {
          n: missed.length,
          points: checkpointNames(route, missed).join(translate(locals.locale, 'inspection.listSeparator')),
        }),
      );
  }

  const body = entryBody(
    kind,
    read,
    visited,
    photos.photos.map((photo) => photo.id),
  );
  // The body is shaped for its kind here and checked by the API's own schema there.
  const result = await recordEntry(locals.api, body as unknown as RecordEntryBody);
  if (!result.ok)
    return apiFailure('entry', result.error, echo(), placeIssues(result.error.issues, ENTRY_FIELDS));
  redirect(
    303,
    next({ id: result.data.id, correctsId: result.data.correctsId, compoundId: result.data.compound.id }),
  );
}
