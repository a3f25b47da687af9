import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@pilot/db';
import { PRISMA } from '../tokens.js';

/**
 * One rule of the log-in throttle: how many failures a key may have before it is blocked, after
 * how long without attempts the count starts afresh, and how long a block lasts (doubling with each
 * block in a row, up to the cap).
 */
export interface ThrottleRule {
  limit: number;
  quietMs: number;
  firstBlockMs: number;
  maxBlockMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Three keys, counted before the password is checked so parallel guesses cannot exceed a limit:
 * - one account from one address: the attacker's own door, shut quickly and for longer each time;
 * - one account from anywhere: guessing from many addresses; an address where the owner signed in
 *   before is not held by this rule, so a stranger cannot lock the owner out;
 * - one address over all accounts: spraying one password over many usernames.
 */
export const THROTTLE_RULES = {
  pair: { limit: 5, quietMs: 15 * MINUTE, firstBlockMs: MINUTE, maxBlockMs: HOUR },
  account: { limit: 20, quietMs: HOUR, firstBlockMs: 5 * MINUTE, maxBlockMs: 2 * HOUR },
  address: { limit: 30, quietMs: 10 * MINUTE, firstBlockMs: 5 * MINUTE, maxBlockMs: HOUR },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleScope = keyof typeof THROTTLE_RULES;

/** How long an address the owner signed in from stays trusted against the account-wide rule. */
export const KNOWN_ADDRESS_MS = 30 * 24 * HOUR;
/** Blocks in a row are forgotten after a day without attempts. */
const STRIKES_FORGOTTEN_MS = 24 * HOUR;

/** The length of the block after `strikes` earlier ones: doubling, capped. */
export function blockDuration(rule: ThrottleRule, strikes: number): number {
  return Math.min(rule.maxBlockMs, rule.firstBlockMs * 2 ** Math.min(strikes, 20));
}

interface KeyState {
  failures: number;
  strikes: number;
  blockedUntil: Date | null;
  lastSuccessAt: Date | null;
}

/** A counted attempt: check the password only if `blockedUntil` is null, then report the outcome. */
export interface Attempt {
  blockedUntil: Date | null;
  keys: ReadonlyArray<{
    scope: ThrottleScope;
    key: string;
    failures: number;
    strikes: number;
    /** For the pair key: the owner signed in from this address lately, so the account key is skipped. */
    knownAddress: boolean;
  }>;
}

/**
 * A time as the columns hold it (timestamp without zone, in UTC), whatever the session's TimeZone:
 * a bare Date parameter would be read in the server's zone.
 */
function utc(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/** Usernames as typed, so unknown ones are counted exactly like real ones. */
export function throttleKeys(username: string, address: string): Record<ThrottleScope, string> {
  const name = username.trim().toLowerCase();
  return { pair: `pair:${name}|${address}`, account: `account:${name}`, address: `address:${address}` };
}

@Injectable()
export class LoginThrottle {
  private lastSweep = 0;

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * Counts an attempt on the keys that apply, atomically per key (one upsert each). Refused when a
   * key is blocked or when concurrent attempts already used up its limit.
   */
  async begin(username: string, address: string, now = new Date()): Promise<Attempt> {
    await this.sweep(now);
    const keys = throttleKeys(username, address);
    const counted: Attempt['keys'][number][] = [];
    // In order, stopping at the first key that refuses: an attempt this address may not make
    // must not use up the account's allowance for everyone else.
    for (const scope of ['pair', 'account', 'address'] as const) {
      if (scope === 'account' && counted[0]?.knownAddress) continue;
      const state = await this.count(keys[scope], THROTTLE_RULES[scope], now);
      counted.push({
        scope,
        key: keys[scope],
        failures: state.failures,
        strikes: state.strikes,
        knownAddress:
          state.lastSuccessAt !== null && now.getTime() - state.lastSuccessAt.getTime() < KNOWN_ADDRESS_MS,
      });
      let until = state.blockedUntil && state.blockedUntil > now ? state.blockedUntil : null;
      // More attempts arrived at once than the limit allows: the extra ones are not checked.
      if (!until && state.failures > THROTTLE_RULES[scope].limit)
        until = await this.block(keys[scope], scope, state.strikes, now);
      if (until) return { blockedUntil: until, keys: counted };
    }
    return { blockedUntil: null, keys: counted };
  }

  /** A wrong password: keys that reached their limit are blocked. Returns the block, if any. */
  async failed(attempt: Attempt, now = new Date()): Promise<Date | null> {
    let blockedUntil: Date | null = null;
    for (const { scope, key, failures, strikes } of attempt.keys) {
      if (failures < THROTTLE_RULES[scope].limit) continue;
      const until = await this.block(key, scope, strikes, now);
      if (until && (!blockedUntil || until > blockedUntil)) blockedUntil = until;
    }
    return blockedUntil;
  }

  /**
   * The right password: this account from this address starts afresh and is remembered as the
   * owner's; the wider keys only take back this attempt (a success elsewhere must not give an
   * attacker a fresh budget).
   */
  async succeeded(attempt: Attempt, now = new Date()): Promise<void> {
    for (const { scope, key } of attempt.keys) {
      if (scope === 'pair') {
        await this.prisma.loginThrottle.update({
          where: { key },
          data: { failures: 0, strikes: 0, blockedUntil: null, lastSuccessAt: now, updatedAt: now },
        });
      } else {
        await this.prisma.$executeRaw`
          UPDATE login_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = ${key}`;
      }
    }
  }

  /** After an admin resets a password, the account is no longer held back anywhere. */
  async clearAccount(username: string): Promise<void> {
    const name = username.trim().toLowerCase();
    await this.prisma.loginThrottle.deleteMany({
      where: { OR: [{ key: `account:${name}` }, { key: { startsWith: `pair:${name}|` } }] },
    });
  }

  private async count(key: string, rule: ThrottleRule, now: Date): Promise<KeyState> {
    const at = utc(now);
    const quietSince = utc(new Date(now.getTime() - rule.quietMs));
    const strikesForgotten = utc(new Date(now.getTime() - STRIKES_FORGOTTEN_MS));
    // One statement, so the row lock orders concurrent attempts and each sees its own count.
    const [row] = await this.prisma.$queryRaw<KeyState[]>`
      INSERT INTO login_throttle AS t (key, failures, strikes, "updatedAt")
      VALUES (${key}, 1, 0, ${at})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE
          WHEN (t."blockedUntil" IS NOT NULL AND t."blockedUntil" <= ${at}) OR t."updatedAt" < ${quietSince}
            THEN 1 ELSE t.failures + 1 END,
        "blockedUntil" = CASE WHEN t."blockedUntil" <= ${at} THEN NULL ELSE t."blockedUntil" END,
        strikes = CASE WHEN t."updatedAt" < ${strikesForgotten} THEN 0 ELSE t.strikes END,
        "updatedAt" = ${at}
      RETURNING failures, strikes, "blockedUntil", "lastSuccessAt"`;
    if (!row) throw new Error(`login throttle: no row for ${key}`);
    return row;
  }

  /** Blocks the key unless it already is; the block grows with each one in a row. */
  private async block(key: string, scope: ThrottleScope, strikes: number, now: Date): Promise<Date | null> {
    const at = utc(now);
    const until = utc(new Date(now.getTime() + blockDuration(THROTTLE_RULES[scope], strikes)));
    const [row] = await this.prisma.$queryRaw<Array<{ blockedUntil: Date | null }>>`
      UPDATE login_throttle SET
        "blockedUntil" = CASE WHEN "blockedUntil" > ${at} THEN "blockedUntil" ELSE ${until} END,
        strikes = CASE WHEN "blockedUntil" > ${at} THEN strikes ELSE strikes + 1 END
      WHERE key = ${key}
      RETURNING "blockedUntil"`;
    return row?.blockedUntil ?? null;
  }

  /** Keys of strangers' guesses are kept a month, then dropped (at most hourly per process). */
  private async sweep(now: Date): Promise<void> {
    if (now.getTime() - this.lastSweep < HOUR) return;
    this.lastSweep = now.getTime();
    await this.prisma.loginThrottle.deleteMany({
      where: { updatedAt: { lt: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
    });
  }
}
