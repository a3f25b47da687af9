// Idempotency-Key on writes that do not go through a workflow (a multipart upload, a new user),
// against the real API on PGlite: concurrent repeats run the write once and all get its answer, a
// key reused for a different request is 422, a failed attempt leaves the key usable, and a repeat
// waits for a running first request (or takes over the claim of one that died).
import { formatLocalDate } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../../test-support/api-harness.js';
import { enrollBody, PNG_BYTES, upload, type ErrorBody } from '../../test-support/pilot-fixtures.js';
import { fingerprintOf, STALE_CLAIM_MS } from './idempotency.interceptor.js';

const DAY_MS = 86_400_000;

interface UserBody {
  id: string;
  username: string;
}

/** A PNG whose bytes differ from PNG_BYTES (same image, one more byte after IEND). */
const OTHER_PNG = Buffer.concat([PNG_BYTES, Buffer.from([0])]);

describe('Idempotency-Key on uploads and user creation', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  let firm: ApiClient;
  let pilotId: string;

  const newUser = (username: string) => ({
    username,
    displayName: '幂等测试',
    role: 'inspector',
    password: 'Kx7#mq2vLp9!w',
  });

  beforeAll(async () => {
    api = await startApi();
    const coordinator = await api.as('coord.wang');
    [admin, firm] = await Promise.all([api.as('admin.jinshui'), api.as('firm.xiangshun')]);
    // A start a week ahead: the pilot exists, and its workflow waits quietly meanwhile.
    const enrolled = await coordinator.post<{ enrollmentId: string }>(
      '/pilots',
      enrollBody(formatLocalDate(Date.now() + 7 * DAY_MS), {}),
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
    pilotId = enrolled.body.enrollmentId;
  });
  afterAll(async () => api?.close());

  const prisma = () => api.runtime.deps.prisma;
  const adminId = async () =>
    (await prisma().user.findUniqueOrThrow({ where: { username: 'admin.jinshui' } })).id;
  const photo = (bytes: Buffer = PNG_BYTES, name = 'photo.png') => [{ name, type: 'image/png', bytes }];

  it('20 concurrent uploads with one key store one file and answer all the same', async () => {
    const before = await prisma().evidence.count();
    const headers = { 'idempotency-key': 'upload-race-0001' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => upload(firm, { pilotId }, photo(), headers)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(await prisma().evidence.count()).toBe(before + 1);
    // Equal as JSON values (a replay comes from jsonb, which keeps no key order).
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    const replayed = answers.filter((a) => a.headers.get('idempotent-replayed') === 'true');
    expect(replayed).toHaveLength(19);
    const record = await prisma().idempotencyRecord.findFirst({ where: { key: 'upload-race-0001' } });
    expect(record).toMatchObject({ responseStatus: 201 });
    expect(record?.completedAt).not.toBeNull();
  });

  it('refuses the key with a different file, file name or field (422), replays the same upload', async () => {
    const headers = { 'idempotency-key': 'upload-reuse-0001' };
    const first = await upload(firm, { pilotId }, photo(), headers);
    expect(first.status).toBe(201);
    const before = await prisma().evidence.count();
    const otherBytes = await upload(firm, { pilotId }, photo(OTHER_PNG), headers);
    expect(otherBytes.status).toBe(422);
    expect(otherBytes.body.error.code).toBe('idempotency_key_reused');
    expect((await upload(firm, { pilotId }, photo(PNG_BYTES, 'other.png'), headers)).status).toBe(422);
    expect((await upload(firm, { pilotId, note: 'x' }, photo(), headers)).status).toBe(422);
    expect((await upload(firm, { pilotId }, [...photo(), ...photo()], headers)).status).toBe(422);
    const same = await upload(firm, { pilotId }, photo(), headers);
    expect(same.status).toBe(201);
    expect(same.headers.get('idempotent-replayed')).toBe('true');
    expect(same.body).toEqual(first.body);
    expect(await prisma().evidence.count()).toBe(before);
  });

  it('20 concurrent creates of a user with one key make one account', async () => {
    const headers = { 'idempotency-key': 'user-race-0001' };
    const body = newUser('idem.race');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => admin.post<UserBody>('/users', body, headers)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(await prisma().user.count({ where: { username: 'idem.race' } })).toBe(1);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const other = await admin.post<ErrorBody>('/users', newUser('idem.other'), headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('leaves the key usable after a refused first attempt: judged again, or corrected', async () => {
    const headers = { 'idempotency-key': 'user-retry-0001' };
    const refused = { ...newUser('idem.retry'), role: 'nobody' };
    const first = await admin.post<ErrorBody>('/users', refused, headers);
    expect(first.status).toBe(400);
    const again = await admin.post<ErrorBody>('/users', refused, headers);
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.error.issues).toEqual(first.body.error.issues);
    expect(await prisma().idempotencyRecord.count({ where: { key: 'user-retry-0001' } })).toBe(0);

    const corrected = await admin.post<UserBody>('/users', newUser('idem.retry'), headers);
    expect(corrected.status).toBe(201);
    const afterwards = await admin.post('/users', refused, headers);
    expect(afterwards.status).toBe(422);
  });

  it('a repeat waits for the request that holds the key and replays its answer', async () => {
    const key = 'user-wait-0001';
    const body = newUser('idem.wait');
    const first = await admin.post<UserBody>('/users', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const where = { key, completedAt: { not: null } } as const;
    const done = await prisma().idempotencyRecord.findFirstOrThrow({ where });
    // As if the first request were still running on another instance of the API.
    await prisma().idempotencyRecord.updateMany({
      where: { key },
      data: { completedAt: null, claimId: 'elsewhere', claimedAt: new Date() },
    });
    const repeat = admin.post<UserBody>('/users', body, { 'idempotency-key': key });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await prisma().idempotencyRecord.updateMany({ where: { key }, data: { completedAt: done.completedAt } });
    const answer = await repeat;
    expect(answer.status).toBe(201);
    expect(answer.headers.get('idempotent-replayed')).toBe('true');
    expect(answer.body).toEqual(first.body);
  });

  it('takes over the claim of a request whose process died', async () => {
    const key = 'user-stale-0001';
    const body = newUser('idem.stale');
    const userId = await adminId();
    await prisma().idempotencyRecord.create({
      data: {
        userId,
        key,
        method: 'POST',
        path: '/users',
        requestHash: fingerprintOf('POST', '/users', body),
        claimId: 'crashed',
        claimedAt: new Date(Date.now() - STALE_CLAIM_MS - 60_000),
      },
    });
    const answer = await admin.post<UserBody>('/users', body, { 'idempotency-key': key });
    expect(answer.status).toBe(201);
    expect(await prisma().user.count({ where: { username: 'idem.stale' } })).toBe(1);
    const record = await prisma().idempotencyRecord.findFirstOrThrow({ where: { key } });
    expect(record.completedAt).not.toBeNull();
    expect(record.claimId).not.toBe('crashed');
  });

  it('answers 409 idempotency_in_progress with Retry-After when the holder does not finish in time', async () => {
    const key = 'user-busy-0001';
    const body = newUser('idem.busy');
    const userId = await adminId();
    await prisma().idempotencyRecord.create({
      data: {
        userId,
        key,
        method: 'POST',
        path: '/users',
        requestHash: fingerprintOf('POST', '/users', body),
        claimId: 'still-running',
      },
    });
    const answer = await admin.post<ErrorBody>('/users', body, {
      'idempotency-key': key,
      'accept-language': 'en',
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('idempotency_in_progress');
    expect(answer.body.error.message).toMatch(/still being processed/);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await prisma().user.count({ where: { username: 'idem.busy' } })).toBe(0);
  }, 60_000);
});
