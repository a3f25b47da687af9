import { ApplicationFailure } from '@temporalio/activity';
import { catalogueVersionSchema, type CatalogueVersion } from '@pilot/domain';
import type { PrismaClient } from '@pilot/db';

export function catalogueActivities(prisma: PrismaClient) {
  return {
    /**
     * The catalogue version a pilot scores against, without the long requirement and method texts:
     * the workflow needs codes, categories, weights and kinds, and its history stays small.
     */
    async loadCatalogue(versionId: string): Promise<CatalogueVersion> {
      const row = await prisma.catalogueVersion.findUnique({ where: { id: versionId } });
      if (!row)
        throw ApplicationFailure.nonRetryable(`catalogue version ${versionId} does not exist`, 'NotFound');
      if (row.status === 'draft') {
        throw ApplicationFailure.nonRetryable(`catalogue version ${versionId} is a draft`, 'NotPublished');
      }
      const content = catalogueVersionSchema.parse(row.content);
      return { ...content, standards: content.standards.map((s) => ({ ...s, requirement: '', method: '' })) };
    },
  };
}
