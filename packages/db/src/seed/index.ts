import { openDatabase } from '../client.js';
import type { DatabaseTarget } from '../target.js';

/** Loads the demo data once; a second run finds it and changes nothing. */
export async function seedDemoData(target: DatabaseTarget): Promise<string> {
  const db = await openDatabase(target);
  try {
    await db.prisma.engineProbe.upsert({
      where: { id: 'seed' },
      create: { id: 'seed', note: '演示数据' },
      update: {},
    });
    return 'demo data present';
  } finally {
    await db.close();
  }
}
