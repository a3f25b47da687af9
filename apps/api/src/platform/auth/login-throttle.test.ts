import {
  deployMigrationsForTest,
  openDatabase,
  testTargets,
  type Database,
  type ScratchDatabase,
} from '@pilot/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockDuration, LoginThrottle, THROTTLE_RULES } from './login-throttle.js';

const MINUTE = 60_000;

describe.each(testTargets())('the log-in throttle on %s', ({ name, create }) => {
  let scratch: ScratchDatabase;
  let db: Database;
  let throttle: LoginThrottle;

  beforeAll(async () => {
    scratch = await create();
    await deployMigrationsForTest(scratch.target);
    if (scratch.target.kind === 'postgres') {
      // A server in China's zone: the throttle's times must not shift by eight hours.
      const owner = await openDatabase(scratch.target);
      const database = new URL(scratch.target.url).pathname.slice(1);
      await owner.prisma.$executeRawUnsafe(`ALTER DATABASE ${database} SET timezone = 'Asia/Shanghai'`);
      await owner.close();
    }
    db = await openDatabase(scratch.target, { poolSize: 10 });
    throttle = new LoginThrottle(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it(`lets exactly the limit of 40 simultaneous attempts through (${name})`, async () => {
    const now = new Date();
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => throttle.begin('parallel.user', '10.0.0.1', now)),
    );
    expect(attempts.filter((a) => a.blockedUntil === null)).toHaveLength(THROTTLE_RULES.pair.limit);
    const blocked = attempts.find((a) => a.blockedUntil !== null)!.blockedUntil!;
    expect(blocked.getTime() - now.getTime()).toBe(blockDuration(THROTTLE_RULES.pair, 0));
  });

  it('blocks for longer each time in a row, and starts afresh when the block is over', async () => {
    const start = new Date();
    const fail = async (at: Date) => {
      const attempt = await throttle.begin('slow.user', '10.0.0.2', at);
      return attempt.blockedUntil ?? (await throttle.failed(attempt, at));
    };
    let at = start;
    for (let i = 1; i < THROTTLE_RULES.pair.limit; i++) expect(await fail(at)).toBeNull();
    const first = await fail(at);
    expect(first!.getTime() - at.getTime()).toBe(MINUTE);
    at = new Date(first!.getTime() + 1);
    for (let i = 1; i < THROTTLE_RULES.pair.limit; i++) expect(await fail(at)).toBeNull();
    const second = await fail(at);
    expect(second!.getTime() - at.getTime()).toBe(2 * MINUTE);
    expect(blockDuration(THROTTLE_RULES.pair, 10)).toBe(THROTTLE_RULES.pair.maxBlockMs);
  });

  it('forgets failures after a quiet spell, and a success clears the pair and marks the address known', async () => {
    const now = new Date();
    const attempt = await throttle.begin('known.user', '10.0.0.3', now);
    await throttle.failed(attempt, now);
    const later = new Date(now.getTime() + THROTTLE_RULES.pair.quietMs + 1);
    const fresh = await throttle.begin('known.user', '10.0.0.3', later);
    expect(fresh.keys.find((k) => k.scope === 'pair')!.failures).toBe(1);
    await throttle.succeeded(fresh, later);
    const next = await throttle.begin('known.user', '10.0.0.3', later);
    expect(next.keys.map((k) => k.scope)).toEqual(['pair', 'address']);
    expect(next.keys[0]!.knownAddress).toBe(true);
  });
});
