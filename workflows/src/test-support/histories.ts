// Recorded workflow histories kept as replay fixtures (workflows/test/histories/). Written by
// src/record-histories.test.ts, read by src/replay.test.ts.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils.js';

export const historiesDir = fileURLToPath(new URL('../../test/histories/', import.meta.url));
const indexFile = path.join(historiesDir, 'index.json');

export interface FixtureEntry {
  file: string;
  /** Histories do not carry the workflow id; replay passes it to the workflow as the original had it. */
  workflowId: string;
  runId: string;
  scenario: string;
  events: number;
}

/**
 * Every run of a workflow, oldest first, following the continue-as-new chain back from the
 * current run (the driver only sees the runs that were current while it acted).
 */
export async function runChain(client: Client, workflowId: string): Promise<string[]> {
  const runs = [(await client.workflow.getHandle(workflowId).describe()).runId];
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runs[0]).fetchHistory();
    const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!previous) return runs;
    runs.unshift(previous);
  }
}

type JsonObject = Record<string, unknown>;

/** Which payloads of which events replay never reads (the SDK matches commands by type and id). */
const UNREAD_PAYLOADS: Array<[attributes: string, field: string]> = [
  ['activityTaskScheduledEventAttributes', 'input'],
  ['workflowExecutionUpdateCompletedEventAttributes', 'outcome'],
  ['workflowExecutionContinuedAsNewEventAttributes', 'input'],
  ['workflowExecutionCompletedEventAttributes', 'result'],
];

/**
 * Drops the payloads replay does not read, which are most of a pilot history's bytes (every
 * inspection's 35–107 items go into an activity input). Everything replay feeds to the workflow —
 * start input, activity results, accepted update arguments, markers — and every event stay, so
 * the fixture checks the same command sequence. The replay test proves it still replays.
 */
export function withoutUnreadPayloads(history: JsonObject): JsonObject {
  const events = (history.events as JsonObject[]).map((event) => {
    const copy: JsonObject = { ...event };
    for (const [attributes, field] of UNREAD_PAYLOADS) {
      const value = copy[attributes] as JsonObject | undefined;
      if (value && field in value) {
        const { [field]: _dropped, ...rest } = value;
        copy[attributes] = rest;
      }
    }
    return copy;
  });
  return { ...history, events };
}

/**
 * Saves each run's history in the JSON form Temporal's tools use (`temporal workflow show -o json`),
 * without the payloads replay never reads. Not `JSON.stringify(history)`: that writes timestamps as
 * {seconds, nanos} objects, which `historyFromJSON` (and so `Worker.runReplayHistory`) rejects.
 */
export async function saveHistories(
  client: Client,
  scenario: string,
  workflowId: string,
  runIds: string[],
): Promise<FixtureEntry[]> {
  await mkdir(historiesDir, { recursive: true });
  // A re-recorded scenario may have fewer runs than before: its old files go first.
  for (const file of await readdir(historiesDir)) {
    if (file.startsWith(`${scenario}.run`)) await rm(path.join(historiesDir, file));
  }
  const entries: FixtureEntry[] = [];
  for (const [index, runId] of runIds.entries()) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const file = `${scenario}.run${index + 1}.json`;
    // Re-serialised compactly: the canonical form is pretty-printed, which only costs bytes here.
    const json = withoutUnreadPayloads(JSON.parse(historyToJSON(history)) as JsonObject);
    await writeFile(path.join(historiesDir, file), `${JSON.stringify(json)}\n`);
    entries.push({ file, workflowId, runId, scenario, events: history.events?.length ?? 0 });
  }
  return entries;
}

/**
 * Records the newly saved fixtures in the index, keeping the entries of every scenario that was not
 * re-recorded: fixtures made by older code are what replay tests are for.
 */
export async function writeIndex(entries: FixtureEntry[]): Promise<void> {
  const scenarios = new Set(entries.map((e) => e.scenario));
  const previous = await readFile(indexFile, 'utf8').then(
    (text) => JSON.parse(text) as FixtureEntry[],
    () => [],
  );
  const kept = previous.filter((e) => !scenarios.has(e.scenario));
  const sorted = [...kept, ...entries].sort((a, b) => a.file.localeCompare(b.file));
  await writeFile(indexFile, `${JSON.stringify(sorted, null, 2)}\n`);
}

export interface Fixture extends FixtureEntry {
  history: History;
}

export async function loadFixtures(): Promise<{ fixtures: Fixture[]; unindexed: string[] }> {
  const index = JSON.parse(await readFile(indexFile, 'utf8')) as FixtureEntry[];
  const onDisk = (await readdir(historiesDir)).filter((f) => f.endsWith('.json') && f !== 'index.json');
  const fixtures: Fixture[] = [];
  for (const entry of index) {
    const json: unknown = JSON.parse(await readFile(path.join(historiesDir, entry.file), 'utf8'));
    fixtures.push({ ...entry, history: historyFromJSON(json) });
  }
  return { fixtures, unindexed: onDisk.filter((f) => !index.some((e) => e.file === f)) };
}
