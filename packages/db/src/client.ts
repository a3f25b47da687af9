import { PrismaClient } from './generated/prisma/client.js';
import { openAdapter } from './adapter.js';
import type { DatabaseTarget } from './target.js';

export type { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** Prisma Client over a driver adapter: PGlite embedded, or PostgreSQL when the target says so. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const adapter = await openAdapter(target);
  const prisma = new PrismaClient({ adapter: adapter.factory });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await adapter.close();
    },
  };
}
