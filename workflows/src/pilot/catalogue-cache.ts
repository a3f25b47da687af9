// One copy of each catalogue version per worker, whichever pilot loaded it: published versions are
// immutable, so the content under a fingerprint is the same for every pilot and sharing it cannot
// change what any workflow computes. (Module state outlives one workflow when the worker reuses its
// V8 context; without reuse each workflow simply keeps its own.)
import { resolveCatalogueRef, type CatalogueRef, type CatalogueVersion } from '@pilot/domain';

const byFingerprint = new Map<string, CatalogueVersion>();

export function catalogueOf(ref: CatalogueRef): CatalogueVersion {
  if (!ref.content) return resolveCatalogueRef(ref);
  const known = byFingerprint.get(ref.fingerprint);
  if (known) return known;
  byFingerprint.set(ref.fingerprint, ref.content);
  return ref.content;
}
