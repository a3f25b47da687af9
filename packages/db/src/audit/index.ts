export { appendAudit, AUDIT_GENESIS_HASH, hashedText, type AuditEntry } from './append.js';
export { anchorOf, checkpointAudit, type AuditCheckpointRecord, type StreamHead } from './checkpoint.js';
export {
  AUDIT_ALGORITHMS,
  auditKeyringFrom,
  auditKeyringFromEnv,
  createAuditKeyring,
  createAuditSigner,
  defaultAuditKeyFile,
  defaultAuditKeyring,
  ensureAuditKeyFile,
  LEGACY_KEY_ID,
  type AuditAlgorithm,
  type AuditKeyConfig,
  type AuditKeyring,
  type AuditSigner,
} from './signer.js';
export { verifyAudit, type AuditBreak, type AuditVerification } from './verify.js';
