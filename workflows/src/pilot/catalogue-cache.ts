// One copy of each catalogue version per workflow module instance, whichever pilot loaded it:
// published versions are immutable, so the content under a fingerprint is the same for every pilot
// and sharing it cannot change what any workflow computes. The SDK (1.24) keeps module state per
// workflow even with a reused V8 context (measured by the bench's P5 diagnostic), so today this
// dedupes within a run; what keeps the catalogue out of each history is the reference itself.
import { resolveCatalogueRef, type CatalogueRef, type CatalogueVersion } from '@pilot/domain';

const byFingerprint = new Map<string, CatalogueVersion>();

export function catalogueOf(ref: CatalogueRef): CatalogueVersion {
  if (!ref.content) return resolveCatalogueRef(ref);
  const known = byFingerprint.get(ref.fingerprint);
  if (known) return known;
  byFingerprint.set(ref.fingerprint, ref.content);
  return ref.content;
}
