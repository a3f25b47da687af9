import { CATALOGUE_2026_1 } from './catalogue-2026-1.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import type { CatalogueVersion } from './schema.js';

/**
 * Every version the platform ships, oldest first: the demo seed publishes each once. A version stays
 * here after a newer one comes, because pilots enrolled with it keep scoring against it.
 */
export const PUBLISHED_CATALOGUES: readonly CatalogueVersion[] = Object.freeze([
  DEFAULT_CATALOGUE,
  CATALOGUE_2026_1,
]);
