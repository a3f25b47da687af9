import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from '../test-support/api-harness.js';
import type { HealthReport } from './health.service.js';

async function getHealth(
  baseUrl: string,
  route = '/health',
): Promise<{ status: number; body: HealthReport }> {
  const response = await fetch(`${baseUrl}${route}`);
  return { status: response.status, body: (await response.json()) as HealthReport };
}

describe('/health with the database and Temporal up', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => api?.close());

  it('is 200 with both checks ok', async () => {
    const { status, body } = await getHealth(api.baseUrl);
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.temporal.ok).toBe(true);
    expect((await getHealth(api.baseUrl, '/ready')).status).toBe(200);
  });

  it('serves the OpenAPI document with operation ids from method names', async () => {
    const response = await fetch(`${api.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { paths: Record<string, { get?: { operationId?: string } }> };
    expect(doc.paths['/health']?.get?.operationId).toBe('healthCheck');
  });
});

describe('/health with Temporal unreachable', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, so every connection attempt is refused.
    api = await startApi({ temporalAddress: '127.0.0.1:1' });
  });
  afterAll(async () => api?.close());

  it('is 503 and names Temporal as the failing check', async () => {
    const { status, body } = await getHealth(api.baseUrl);
    expect(status).toBe(503);
    expect(body.status).toBe('unavailable');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.temporal.ok).toBe(false);
    expect(body.checks.temporal.error).toBeTruthy();
    expect((await fetch(`${api.baseUrl}/live`)).status).toBe(200);
  });
});

describe('/health with the database unreachable', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ databaseUrl: 'postgresql://pilot:pilot@127.0.0.1:1/pilot' });
  });
  afterAll(async () => api?.close());

  it('is 503 and names the database as the failing check', async () => {
    const { status, body } = await getHealth(api.baseUrl);
    expect(status).toBe(503);
    expect(body.checks.database.ok).toBe(false);
    expect(body.checks.temporal.ok).toBe(true);
  });
});
