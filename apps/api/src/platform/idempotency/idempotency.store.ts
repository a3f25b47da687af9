import { jsonValue, Prisma, type PrismaClient } from '@pilot/db';

export interface IdempotencyClaim {
  userId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  /** Made up for this claim: only its holder may finish or release it. */
  owner: string;
}

export type IdempotencyRecordRow = Prisma.IdempotencyRecordGetPayload<object>;

/**
 * The (user, key) rows behind Idempotency-Key. Every step is one statement whose WHERE names the
 * state it expects, so two requests racing on one key can never both believe they hold it.
 */
export class IdempotencyStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Takes the key if nobody has it: INSERT … ON CONFLICT DO NOTHING on the (userId, key) primary key. */
  async claim(claim: IdempotencyClaim): Promise<boolean> {
    const { count } = await this.prisma.idempotencyRecord.createMany({
      data: [
        {
          userId: claim.userId,
          key: claim.key,
          method: claim.method,
          path: claim.path,
          requestHash: claim.requestHash,
          claimId: claim.owner,
        },
      ],
      skipDuplicates: true,
    });
    return count === 1;
  }

  find(userId: string, key: string): Promise<IdempotencyRecordRow | null> {
    return this.prisma.idempotencyRecord.findUnique({ where: { userId_key: { userId, key } } });
  }

  /**
   * Takes over a claim whose request has not finished since `staleBefore` (its process died): only
   * if the row is still the one that was read, so of several requests noticing, one wins.
   */
  async takeOver(prior: IdempotencyRecordRow, owner: string, staleBefore: Date): Promise<boolean> {
    const { count } = await this.prisma.idempotencyRecord.updateMany({
      where: {
        userId: prior.userId,
        key: prior.key,
        completedAt: null,
        claimedAt: { equals: prior.claimedAt, lt: staleBefore },
      },
      data: { claimId: owner, claimedAt: new Date() },
    });
    return count === 1;
  }

  /** Keeps the answer of the request holding the key; false if the claim was no longer its own. */
  async complete(claim: IdempotencyClaim, status: number, body: unknown): Promise<boolean> {
    // What the client received is the body as JSON; that (not the handler's objects) is kept.
    const json = body === undefined || body === null ? null : jsonValue(JSON.parse(JSON.stringify(body)));
    const { count } = await this.prisma.idempotencyRecord.updateMany({
      where: { userId: claim.userId, key: claim.key, claimId: claim.owner, completedAt: null },
      data: { responseStatus: status, responseBody: json ?? Prisma.DbNull, completedAt: new Date() },
    });
    return count === 1;
  }

  /** Gives the key back after a failed request, so a retry (or a corrected request) may run. */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({
      where: { userId: claim.userId, key: claim.key, claimId: claim.owner, completedAt: null },
    });
  }
}
