import { PrismaClient } from './generated/prisma/client.js';
import { openAdapter } from './adapter.js';
import { RUNTIME_ROLE } from './runtime-role.js';
import type { DatabaseTarget } from './target.js';

export type { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  close(): Promise<void>;
}

/**
 * Prisma Client over a driver adapter: PGlite embedded, or PostgreSQL when the target says so.
 * The API and workers open it `asRuntime`, acting as the role that may only append to the audit
 * log; migrations, the seed and tests that play the owner open it as the owner.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: { asRuntime?: boolean; poolSize?: number } = {},
): Promise<Database> {
  const adapter = await openAdapter(target, {
    ...(options.asRuntime ? { role: RUNTIME_ROLE } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  });
  const prisma = new PrismaClient({ adapter: adapter.factory });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await adapter.close();
    },
  };
}
