// Replays every recorded history in workflows/test/histories/ against the current workflow bundle.
// A change to workflow code that would break a running pilot (a different command sequence for
// the same history) fails here: such a change must go behind `patched()`, and the fixtures stay
// as they are. See src/record-histories.test.ts for when (rarely) to regenerate them.
import { beforeAll, describe, expect, it } from 'vitest';
import { installWorkerRuntime } from '@pilot/activities/worker';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { workflowBundlePath } from './bundle-path.js';
import { loadFixtures } from './test-support/histories.js';

const replayOptions = { workflowBundle: { codePath: workflowBundlePath } };

describe('replay of recorded pilot histories against the current bundle', () => {
  beforeAll(() => {
    // Replay workers log every state change at INFO; only problems matter here.
    installWorkerRuntime('WARN');
  });

  it('replays every fixture without nondeterminism', async () => {
    const { fixtures, unindexed } = await loadFixtures();
    // A fixture file the index does not list would silently escape the check.
    expect(unindexed).toEqual([]);
    expect(new Set(fixtures.map((f) => f.scenario))).toEqual(
      new Set([
        'full-pilot',
        'withdrawn',
        'paused-resumed',
        'key-parts',
        'audit-anchor',
        'spread-wake-ups',
        'calendar-adoption',
        'notice-delivery',
        'matter-reopened',
        'matter-auto-closed',
        'meeting',
        'campaign',
        'upkeep',
        'upkeep-renewed',
      ]),
    );
    const failures: string[] = [];
    const results = Worker.runReplayHistories(
      replayOptions,
      fixtures.map((f) => ({ workflowId: f.workflowId, history: f.history })),
    );
    let replayed = 0;
    for await (const result of results) {
      const fixture = fixtures[replayed++]!;
      expect(result.workflowId).toBe(fixture.workflowId);
      if (result.error) failures.push(`${fixture.file}: ${result.error.name}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(fixtures.length);
    for (const fixture of fixtures) expect(fixture.history.events?.length).toBe(fixture.events);
  });

  it('covers a patched path: some fixture recorded a patch marker the code must still honour', async () => {
    const { fixtures } = await loadFixtures();
    const patchIds = fixtures.flatMap((f) =>
      (f.history.events ?? []).flatMap((e) => {
        const marker = e.markerRecordedEventAttributes;
        const payload =
          marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0] : undefined;
        return payload?.data
          ? [(JSON.parse(Buffer.from(payload.data).toString('utf8')) as { id: string }).id]
          : [];
      }),
    );
    expect(patchIds).toContain('concentrated-done-before-self-closed');
    // Recorded after key parts became places: the newer paths are pinned by histories as well.
    expect(patchIds).toEqual(
      expect.arrayContaining([
        'special-checks-after-opening',
        'compound-features',
        'key-parts-as-places',
        'operation-rate',
        'rejection-earns-full-period',
      ]),
    );
    // A pilot on a calendar release that adopted a newer one: both paths are pinned.
    expect(patchIds).toEqual(expect.arrayContaining(['calendar-releases', 'adopt-calendar']));
  });

  it('keeps a calendar adoption in its history, the shipped release by reference', async () => {
    const { fixtures } = await loadFixtures();
    const fixture = fixtures.find((f) => f.scenario === 'calendar-adoption')!;
    const decode = (data: Uint8Array | null | undefined): unknown =>
      data ? JSON.parse(Buffer.from(data).toString('utf8')) : null;
    const events = fixture.history.events ?? [];
    const start = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const started = decode(start) as { input: { calendar: { version: number; content: unknown } } };
    // Release 1 is in the code: only its number and fingerprint travel.
    expect(started.input.calendar).toMatchObject({ version: 1, content: null });
    const adoptions = events.filter(
      (e) =>
        e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'adoptCalendar',
    );
    expect(adoptions).toHaveLength(1);
  });

  it('detects nondeterminism (the check can fail): a history whose commands differ is refused', async () => {
    const { fixtures } = await loadFixtures();
    const fixture = fixtures.find((f) => f.scenario === 'withdrawn')!;
    // The same history, except that one scheduled activity has another type than the code schedules.
    const events = (fixture.history.events ?? []).map((event) => ({ ...event }));
    const index = events.findIndex(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'syncEnrollment',
    );
    expect(index).toBeGreaterThan(0);
    const attributes = events[index]!.activityTaskScheduledEventAttributes!;
    events[index]!.activityTaskScheduledEventAttributes = {
      ...attributes,
      activityType: { name: 'somethingElse' },
    };
    const altered: History = { events };
    await expect(Worker.runReplayHistory(replayOptions, altered, fixture.workflowId)).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  });
});
