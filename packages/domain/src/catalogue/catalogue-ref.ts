import * as z from 'zod';
import { catalogueVersionIdSchema } from '../schemas/common.js';
import { catalogueFingerprint } from './fingerprint.js';
import { PUBLISHED_CATALOGUES } from './published-catalogues.js';
import { catalogueVersionSchema, type CatalogueVersion } from './schema.js';

/**
 * What a pilot's run is told about its catalogue version. The versions the platform ships are in
 * the workflow code already, so for them only the id and fingerprint travel (and sit in the run's
 * history); a version published later through the admin comes with its content.
 */
export const catalogueRefSchema = z.object({
  version: catalogueVersionIdSchema,
  fingerprint: z.string().min(1),
  /** Null when the stored content is the shipped version's, fingerprint for fingerprint. */
  content: catalogueVersionSchema.nullable(),
});
export type CatalogueRef = z.infer<typeof catalogueRefSchema>;

// Fingerprinting a version hashes its whole canonical JSON: once per process and shipped version.
let shippedFingerprints: ReadonlyMap<string, CatalogueVersion> | undefined;
function shippedByFingerprint(): ReadonlyMap<string, CatalogueVersion> {
  shippedFingerprints ??= new Map(PUBLISHED_CATALOGUES.map((c) => [catalogueFingerprint(c), c]));
  return shippedFingerprints;
}

/** The shipped version with exactly this content, if there is one. */
export function shippedCatalogue(version: string, fingerprint: string): CatalogueVersion | null {
  const shipped = shippedByFingerprint().get(fingerprint);
  return shipped && shipped.version === version ? shipped : null;
}

/**
 * The content a reference names. A shipped version whose fingerprint no longer matches the code
 * means the code changed a version pilots already score against — the one thing that must never
 * happen — so it fails loudly rather than scoring differently on replay.
 */
export function resolveCatalogueRef(ref: CatalogueRef): CatalogueVersion {
  if (ref.content) return ref.content;
  const shipped = shippedCatalogue(ref.version, ref.fingerprint);
  if (!shipped) {
    throw new Error(
      `catalogue ${ref.version} ${ref.fingerprint} is not in this build: a shipped version was changed`,
    );
  }
  return shipped;
}
