import { Inject, Injectable } from '@nestjs/common';
import { appendAudit, type AuditKeyring, type Prisma, type PrismaClient } from '@pilot/db';
import type { Principal } from '../auth/principal.js';
import { AUDIT_KEYRING, PRISMA } from '../tokens.js';

export interface AuditRecord {
  /** The chain the entry joins; by default the entity's own (`user:<id>`, `catalogue_version:<id>`). */
  stream?: string;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Audit entries for changes the API makes itself (users, sessions, catalogue drafts). Changes that
 * go through a workflow are audited by its activities, with the same actor passed along.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AUDIT_KEYRING) private readonly keyring: AuditKeyring,
  ) {}

  /** Appends inside the caller's transaction, so the change and its audit entry commit together. */
  append(
    tx: Prisma.TransactionClient,
    actor: Pick<Principal, 'userId' | 'role' | 'requestId'> | null,
    record: AuditRecord,
  ) {
    return appendAudit(tx, this.keyring.signer, {
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? 'anonymous',
      requestId: actor?.requestId ?? null,
      ...record,
    });
  }

  /** An entry about something that changed no record (a refused log-in). */
  async record(actor: Pick<Principal, 'userId' | 'role' | 'requestId'> | null, record: AuditRecord) {
    await this.prisma.$transaction((tx) => this.append(tx, actor, record));
  }

  /** Runs `change` and its audit entry in one transaction. */
  async within<T>(
    actor: Pick<Principal, 'userId' | 'role' | 'requestId'> | null,
    change: (tx: Prisma.TransactionClient) => Promise<T>,
    record: (result: T) => AuditRecord,
  ): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      const result = await change(tx);
      await this.append(tx, actor, record(result));
      return result;
    });
  }
}
