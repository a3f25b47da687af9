import { ApplicationFailure } from '@temporalio/activity';
import {
  catalogueFingerprint,
  catalogueVersionSchema,
  shippedCatalogue,
  type CatalogueRef,
  type CatalogueVersion,
} from '@pilot/domain';
import type { PrismaClient } from '@pilot/db';

export function catalogueActivities(prisma: PrismaClient) {
  async function publishedRow(versionId: string) {
    const row = await prisma.catalogueVersion.findUnique({ where: { id: versionId } });
    if (!row)
      throw ApplicationFailure.nonRetryable(`catalogue version ${versionId} does not exist`, 'NotFound');
    if (row.status === 'draft') {
      throw ApplicationFailure.nonRetryable(`catalogue version ${versionId} is a draft`, 'NotPublished');
    }
    return row;
  }

  return {
    /**
     * The catalogue version a pilot scores against, without the long requirement and method texts:
     * the workflow needs codes, categories, weights and kinds, and its history stays small.
     */
    async loadCatalogue(versionId: string): Promise<CatalogueVersion> {
      const content = catalogueVersionSchema.parse((await publishedRow(versionId)).content);
      return withoutLongTexts(content);
    },

    /**
     * The catalogue by reference: a version the code ships comes back as its id and fingerprint
     * only (the workflow has its content and shares one copy among all pilots); a version published
     * later comes with its content, less the long texts.
     */
    async resolveCatalogue(versionId: string): Promise<CatalogueRef> {
      const row = await publishedRow(versionId);
      const content = catalogueVersionSchema.parse(row.content);
      // The stored fingerprint is the published content's; recomputing guards against a hand edit.
      const fingerprint = catalogueFingerprint(content);
      return {
        version: versionId,
        fingerprint,
        content: shippedCatalogue(versionId, fingerprint) ? null : withoutLongTexts(content),
      };
    },
  };
}

/** The requirement and method texts are for people; scoring needs codes, categories, weights and kinds. */
function withoutLongTexts(content: CatalogueVersion): CatalogueVersion {
  return { ...content, standards: content.standards.map((s) => ({ ...s, requirement: '', method: '' })) };
}
