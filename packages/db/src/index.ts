export { openDatabase, type Database, type PrismaClient } from './client.js';
export { deployMigrations, pendingSchemaChanges, loadMigrations } from './migrate.js';
export { scratchPglite, scratchPostgres, testTargets, type ScratchDatabase } from './scratch.js';
export { dataRoot, describeTarget, targetFromEnv, type DatabaseTarget } from './target.js';
export * from './generated/prisma/client.js';
export { appendAudit, verifyAuditChain, auditHash, AUDIT_GENESIS_HASH, type AuditEntry, type ChainCheck } from './audit.js';
