// Input that used to answer 500 (or Fastify's own shape), against the real API on PGlite: each is
// now the client's 4xx in the API's envelope, with a field message where there is a field, and
// nothing is written.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../../test-support/api-harness.js';
import { PNG_BYTES, upload, type ErrorBody } from '../../test-support/pilot-fixtures.js';

interface Envelope {
  error: {
    code: string;
    message: string;
    requestId: string;
    detail?: string;
    issues?: Array<{ path: string; message: string }>;
  };
}

function expectEnvelope(body: unknown, code: string): Envelope['error'] {
  const error = (body as Envelope).error;
  expect(error, JSON.stringify(body)).toBeDefined();
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return error;
}

describe('the input edge', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  let firm: ApiClient;

  beforeAll(async () => {
    api = await startApi({ temporalAddress: '127.0.0.1:1' });
    [admin, firm] = await Promise.all([api.as('admin.jinshui'), api.as('firm.xiangshun')]);
  });
  afterAll(async () => api?.close());

  const raw = (path: string, init: RequestInit & { token?: string | null } = {}) =>
    fetch(`${api.baseUrl}${path}`, {
      ...init,
      headers: {
        ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? admin.token}` }),
        ...(init.headers as Record<string, string> | undefined),
      },
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));

  it('refuses JSON nested deeper than any form with 400, also with an Idempotency-Key', async () => {
    const before = await api.runtime.deps.prisma.idempotencyRecord.count();
    for (const deep of ['['.repeat(50_000) + ']'.repeat(50_000), '{"a":'.repeat(40) + '1' + '}'.repeat(40)]) {
      const answer = await raw('/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'deep-body-0001' },
        body: deep,
      });
      expect(answer.status).toBe(400);
      const error = expectEnvelope(answer.body, 'invalid_input');
      expect(error.issues?.[0]?.message).toContain('嵌套超过 32 层');
    }
    expect(await api.runtime.deps.prisma.idempotencyRecord.count()).toBe(before);
    // Brackets inside strings are text, not nesting.
    const flat = await admin.post<ErrorBody>('/users', { displayName: '['.repeat(100) });
    expect(flat.status).toBe(400);
    expect(flat.body.error.issues?.some((issue) => issue.path === '')).toBe(false);
  });

  it('refuses a NUL in a path id, a query value and a body string with the field named', async () => {
    const path = await admin.post<ErrorBody>('/pilots/%00/pause', { reason: '临时暂停检查' });
    expect(path.status).toBe(400);
    expect(expectEnvelope(path.body, 'invalid_input').issues).toEqual([
      { path: 'id', message: '地址中的参数「id」含有不允许的字符：空字符（U+0000）' },
    ]);
    const patch = await admin.patch<ErrorBody>(
      '/users/usr%00x',
      { displayName: '张三' },
      { 'accept-language': 'en' },
    );
    expect(patch.status).toBe(400);
    expect(patch.body.error.issues).toEqual([
      { path: 'id', message: 'Address parameter id contains a NUL character (U+0000), which is not allowed' },
    ]);
    const query = await admin.get<ErrorBody>('/users?q=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.error.issues?.[0]?.path).toBe('q');
    expect(query.body.error.issues?.[0]?.message).toContain('查询参数「关键词」');

    const before = await api.runtime.deps.prisma.user.count();
    const body = await admin.post<ErrorBody>('/users', {
      username: 'nul.user',
      displayName: '张\u0000三',
      role: 'inspector',
      password: 'Kx7#mq2vLp9!w',
    });
    expect(body.status).toBe(400);
    expect(body.body.error.issues).toEqual([
      {
        path: 'displayName',
        message: expect.stringContaining('含有不允许的字符：空字符（U+0000）') as string,
      },
    ]);
    const nested = await admin.post<ErrorBody>('/pilots/x/reassign', { assignments: [{ 'in\u0000key': 1 }] });
    expect(nested.status).toBe(400);
    expect(nested.body.error.issues?.[0]?.path).toBe('assignments.0.in\\u0000key');
    expect(await api.runtime.deps.prisma.user.count()).toBe(before);
  });

  it('refuses an unpaired surrogate, which is not text, the same way', async () => {
    const answer = await raw('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9' },
      body: '{"username":"lone","displayName":"\\ud800 x","role":"inspector","password":"Kx7#mq2vLp9!w"}',
    });
    expect(answer.status).toBe(400);
    expect(expectEnvelope(answer.body, 'invalid_input').issues?.[0]).toEqual({
      path: 'displayName',
      message: expect.stringContaining('an unpaired surrogate') as string,
    });
    // A pair (an emoji) is text.
    const emoji = await admin.get('/users?q=%F0%9F%98%80');
    expect(emoji.status).toBe(200);
  });

  it('answers a malformed URL and an over-long path id in the envelope', async () => {
    const bad = await raw('/pilots/%ZZ/pause', { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(expectEnvelope(bad.body, 'bad_url').message).toBe('请求地址无效（例如含有错误的 % 编码）。');
    const badEn = await raw('/pilots/%E0%A4%A/pause', {
      method: 'POST',
      headers: { 'accept-language': 'en' },
    });
    expect(badEn.status).toBe(400);
    expect(expectEnvelope(badEn.body, 'bad_url').detail).toContain('not a valid url');
    const long = await raw(`/users/${'x'.repeat(500)}`, { method: 'PATCH' });
    expect(long.status).toBe(414);
    expectEnvelope(long.body, 'uri_too_long');
  });

  it('answers a content type the API does not read with 415 in the envelope', async () => {
    const xml = await raw('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<a/>',
    });
    expect(xml.status).toBe(415);
    expectEnvelope(xml.body, 'http_error');
    const json = await raw('/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(json.status).toBe(400);
    expectEnvelope(json.body, 'bad_request');
  });

  it('answers malformed multipart on POST /evidence with 400, 413 or 415', async () => {
    const before = await api.runtime.deps.prisma.evidence.count();
    const token = firm.token;
    const noBoundary = await raw('/evidence', {
      method: 'POST',
      token,
      headers: { 'content-type': 'multipart/form-data' },
      body: 'junk',
    });
    expect(noBoundary.status).toBe(400);
    expectEnvelope(noBoundary.body, 'malformed_multipart');
    const cutOff = await raw('/evidence', {
      method: 'POST',
      token,
      headers: { 'content-type': 'multipart/form-data; boundary=XX', 'idempotency-key': 'cut-off-0001' },
      body: '--XX\r\nContent-Disposition: form-data; name="pilotId"\r\n\r\nenr-x',
    });
    expect(cutOff.status).toBe(400);
    expectEnvelope(cutOff.body, 'malformed_multipart');
    const badHeader = await raw('/evidence', {
      method: 'POST',
      token,
      headers: { 'content-type': 'multipart/form-data; boundary=XX' },
      body: '--XX\r\nno header here\r\n\r\nvalue\r\n--XX--\r\n',
    });
    expect([400, 415]).toContain(badHeader.status);
    const notMultipart = await firm.post<ErrorBody>('/evidence', { pilotId: 'x' });
    expect(notMultipart.status).toBe(415);

    const nulField = await upload(firm, { pilotId: 'enr\u0000x' }, [
      { name: 'a.png', type: 'image/png', bytes: PNG_BYTES },
    ]);
    expect(nulField.status).toBe(400);
    expect(nulField.body.error.issues?.[0]?.path).toBe('pilotId');
    const manyFields = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, 'x']));
    const tooMany = await upload(firm, manyFields, [{ name: 'a.png', type: 'image/png', bytes: PNG_BYTES }]);
    expect(tooMany.status).toBe(413);
    expect(await api.runtime.deps.prisma.evidence.count()).toBe(before);
  });

  it('answers an HTTP message Node.js cannot parse in the envelope', async () => {
    const url = new URL(api.baseUrl);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('POST /users HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n');
      });
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expectEnvelope(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)), 'bad_request');
  });

  it('answers concurrent creates of one username with one 201 and 409s naming the field', async () => {
    const body = { username: 'race.user', displayName: '并发', role: 'inspector', password: 'Kx7#mq2vLp9!w' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => admin.post<ErrorBody>('/users', body)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409)) {
      const error = expectEnvelope(answer.body, 'conflict');
      expect(error.issues?.[0]?.path).toBe('username');
      expect(error.issues?.[0]?.message).toContain('已被使用');
    }
    expect(await api.runtime.deps.prisma.user.count({ where: { username: 'race.user' } })).toBe(1);
  });
});
