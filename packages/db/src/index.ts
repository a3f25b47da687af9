export { openDatabase, type Database, type PrismaClient } from './client.js';
export { canRewriteAudit, grantRuntimeRole, RUNTIME_ROLE } from './runtime-role.js';
export { jsonValue } from './json.js';
export { deployMigrations, pendingSchemaChanges, loadMigrations } from './migrate.js';
export { deployMigrationsForTest, seedDemoDatabaseForTest } from './migration-template.js';
export { scratchPglite, scratchPostgres, testTargets, type ScratchDatabase } from './scratch.js';
export { dataRoot, describeTarget, targetFromEnv, type DatabaseTarget } from './target.js';
export * from './generated/prisma/client.js';
export * from './audit/index.js';
export { createFileStorage, type BlobStorage } from './storage.js';
export { firmsListedOn, type FirmListing } from './firm-listing.js';
export {
  currentMatterRules,
  currentSatisfiedFrom,
  localDayRange,
  matterCounts,
  matterCreatedSql,
} from './matter-figures.js';
export {
  buildDisclosureContent,
  publishDisclosureSnapshot,
  type DisclosureActor,
  type DisclosureSnapshotRow,
} from './incentives/disclosure.js';
export {
  seedDemoData,
  seedDemoRecords,
  demoPasswordsFromEnv,
  type DemoPasswords,
  DEMO_PASSWORD,
  DEMO_SUBDISTRICT,
  DEMO_COMMUNITIES,
  DEMO_FIRMS,
  DEMO_COMPOUNDS,
  DEMO_USERS,
  DEMO_IDS,
  type SeedReport,
  type DemoCompound,
  type DemoUser,
} from './seed/index.js';
