import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineProbeWorkflowId } from './messages.js';
import { createHarness, type Harness } from './test-support/harness.js';

describe('engine probe on the time-skipping test server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('time-skipping');
  });
  afterAll(async () => h?.close());

  it('sleeps 90 days of workflow time in seconds, then writes through the activity', async () => {
    const startedAt = Date.now();
    const result = await h.run(() =>
      h.env.client.workflow.execute('engineProbeWorkflow', {
        taskQueue: h.taskQueue,
        workflowId: engineProbeWorkflowId('ninety-days'),
        args: [{ probeId: 'ninety-days', note: '全面提升', wait: '90 days' }],
      }),
    );
    const wallMs = Date.now() - startedAt;
    const row = await h.db.prisma.engineProbe.findUniqueOrThrow({ where: { id: 'ninety-days' } });
    expect(row.note).toBe('全面提升');
    expect(result.recordedAt).toBe(row.createdAt.getTime());
    // The server's clock moved 90 days while the wall clock moved seconds.
    const skippedMs = (await h.env.currentTimeMs()) - startedAt;
    expect(skippedMs).toBeGreaterThanOrEqual(90 * 24 * 3600 * 1000);
    expect(wallMs).toBeLessThan(30_000);
  });
});

describe('engine probe on the dev server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('dev-server');
  });
  afterAll(async () => h?.close());

  it('completes a workflow started by a client, and the server lists it', async () => {
    const workflowId = engineProbeWorkflowId(`dev-${Date.now()}`);
    await h.run(() =>
      h.env.client.workflow.execute('engineProbeWorkflow', {
        taskQueue: h.taskQueue,
        workflowId,
        args: [{ probeId: workflowId, note: '总结巩固', wait: '1 second' }],
      }),
    );
    // Visibility is eventually consistent; poll briefly.
    let listed: string[] = [];
    for (let i = 0; i < 40 && listed.length === 0; i++) {
      listed = [];
      for await (const execution of h.env.client.workflow.list({
        query: `WorkflowId = '${workflowId}' AND ExecutionStatus = 'Completed'`,
      })) {
        listed.push(execution.workflowId);
      }
      if (listed.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(listed).toEqual([workflowId]);
    const row = await h.db.prisma.engineProbe.findUniqueOrThrow({ where: { id: workflowId } });
    expect(row.note).toBe('总结巩固');
  });
});
