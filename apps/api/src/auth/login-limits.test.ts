import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROTTLE_RULES } from '../platform/auth/login-throttle.js';
import { startApi, type ApiHarness } from '../test-support/api-harness.js';

type Failure = { error: { code: string; message: string; retryAfterSeconds?: number } };

/**
 * The log-in limits at their production defaults (30 log-ins a minute per address, 600 requests),
 * tried the way the security review did: parallel guesses, guesses from many addresses, a spray over
 * many names. Each scenario speaks from its own addresses (X-Forwarded-For from loopback is trusted).
 */
describe('log-in limits against guessing', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ env: { RATE_LIMIT_PER_MINUTE: '600', LOGIN_RATE_PER_MINUTE: '30' } });
  });
  afterAll(async () => api?.close());

  const login = (username: string, password: string, address: string) =>
    api.anonymous.post<Failure>('/auth/login', { username, password }, { 'x-forwarded-for': address });
  /** Password checks that failed on this account: each one leaves an audit entry. */
  const checkedFailures = (userId: string) =>
    api.runtime.deps.prisma.auditLog.count({
      where: { entityId: userId, action: { in: ['auth.login_failed', 'auth.locked'] } },
    });

  it('checks 5 of 40 parallel guesses from one address, and 20 in all of four more waves of 20 from others', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login('insp.li', `guess-${i}-Aa1!`, '192.0.2.10')),
    );
    expect(await checkedFailures('usr-insp-li')).toBe(THROTTLE_RULES.pair.limit);
    expect(guesses.filter((g) => g.status === 401)).toHaveLength(THROTTLE_RULES.pair.limit - 1);
    expect(guesses.filter((g) => g.status === 429)).toHaveLength(40 - (THROTTLE_RULES.pair.limit - 1));
    for (let wave = 0; wave < 4; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          login('insp.li', `wave-${wave}-${i}-Aa1!`, `192.0.2.${20 + wave}`),
        ),
      );
      // Other addresses get their own five, until the account as a whole is held at twenty.
      expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    }
    expect(await checkedFailures('usr-insp-li')).toBe(THROTTLE_RULES.account.limit);
  });

  it('holds an account guessed from many addresses, but lets its owner in from where they signed in before', async () => {
    expect((await login('firm.xiangshun', 'Pilot@2024', '198.18.0.1')).status).toBe(200);
    const before = await checkedFailures('usr-firm-xiangshun');
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login('firm.xiangshun', `guess-${i}-Aa1!`, `198.18.1.${i + 1}`)),
    );
    expect((await checkedFailures('usr-firm-xiangshun')) - before).toBe(THROTTLE_RULES.account.limit);
    expect(guesses.filter((g) => g.status === 429).length).toBeGreaterThanOrEqual(
      30 - THROTTLE_RULES.account.limit,
    );
    // A new address, even with the right password, waits; the owner's known address does not.
    expect((await login('firm.xiangshun', 'Pilot@2024', '198.18.2.1')).status).toBe(429);
    expect((await login('firm.xiangshun', 'Pilot@2024', '198.18.0.1')).status).toBe(200);
  });

  it('answers an unknown username exactly like a known one, blocked or not', async () => {
    const run = async (username: string, address: string) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await login(username, `wrong-${i}-Aa1!`, address));
      return answers;
    };
    const known = await run('coord.wang', '192.0.2.50');
    const unknown = await run('nobody.here', '192.0.2.51');
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown.map((a) => a.status)).toEqual(known.map((a) => a.status));
    const shape = (a: (typeof known)[number]) => ({ code: a.body.error.code, message: a.body.error.message });
    expect(unknown.map(shape)).toEqual(known.map(shape));
    expect(known[4]!.body.error.message).toBe('尝试次数过多，请稍后再试。');
  });

  it('holds an address that sprays passwords over many usernames', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < THROTTLE_RULES.address.limit; i++) {
      statuses.push((await login(`sprayed.${i}`, 'Spring#2026', '192.0.2.80')).status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await login('resident.han', 'Pilot@2024', '192.0.2.80')).status).toBe(429);
  });

  it('limits log-ins per address per minute, right passwords too, with Retry-After in the API’s shape', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 31; i++) {
      const answer = await login('admin.jinshui', 'Pilot@2024', '192.0.2.90');
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
    expect(limited!.body.error.code).toBe('too_many_attempts');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await login('admin.jinshui', 'Pilot@2024', '192.0.2.91')).status).toBe(200);
  });
});
