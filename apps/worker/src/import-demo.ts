// Loads the demo pilots (start command, embedded mode): imports pilots with history and enrolls a few
// fresh ones, through the same workflows the API drives. Safe to run again: existing pilots are kept.
import path from 'node:path';
import { createFileStorage, dataRoot, DEMO_IDS, openDatabase, targetFromEnv } from '@pilot/db';
import { formatLocalDate } from '@pilot/domain';
import { signalUpkeep, startPilot } from '@pilot/workflows/client';
import { searchAttributes, TASK_QUEUE } from '@pilot/workflows/messages';
import { ensureSearchAttributes } from '@pilot/activities/worker';
import { Client, Connection } from '@temporalio/client';
import { DEMO_FRESH, DEMO_IMPORTS } from './import/demo-pilots.js';
import { importPilot } from './import/import-pilot.js';
import { startLiveGovernance, startStewardReport } from './import/demo-governance-live.js';
import { importDemoEvaluations } from './import/demo-evaluations.js';
import { importDemoDisclosure } from './import/demo-disclosure.js';
import { importDemoCampaign } from './import/demo-campaign.js';
import { importDemoTraces } from './import/demo-traces.js';

/** Pilots with paper-era history were inspected against the first version. */
const IMPORTED_CATALOGUE = '2024.1';
/** Pilots enrolled today use the version in force (2026.1: lifts under TSG T7001-2023, …). */
const CURRENT_CATALOGUE = '2026.1';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const taskQueue = process.env.TEMPORAL_TASK_QUEUE ?? TASK_QUEUE;
  const db = await openDatabase(targetFromEnv(), { asRuntime: true });
  const connection = await Connection.connect({ address });
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const client = new Client({ connection, namespace });
  // The worker registers these too, but it may not have started yet.
  await ensureSearchAttributes(connection, namespace, Object.values(searchAttributes));
  const storage = createFileStorage(process.env.PILOT_STORAGE_DIR ?? path.join(dataRoot(), 'files'));
  const actor = { userId: DEMO_IDS.coordinator, role: 'coordinator' as const };
  try {
    let imported = 0;
    for (const spec of DEMO_IMPORTS) {
      const result = await importPilot(
        db.prisma,
        storage,
        client,
        taskQueue,
        IMPORTED_CATALOGUE,
        spec,
        actor,
        Date.now(),
      );
      if (result.imported) imported++;
    }
    let enrolled = 0;
    for (const fresh of DEMO_FRESH) {
      const started = await startPilot(client, taskQueue, {
        compoundId: fresh.compoundId,
        firmId: fresh.firmId,
        startDate: formatLocalDate(Date.now()),
        catalogueVersionId: CURRENT_CATALOGUE,
        inspectorAssignments: fresh.assignments,
        enrolledBy: actor,
      });
      if (!started.alreadyEnrolled) enrolled++;
    }
    console.log(
      `demo pilots: ${imported} imported with history, ${enrolled} newly enrolled (others already present)`,
    );
    const live = await startLiveGovernance(db.prisma, client, taskQueue);
    console.log(`demo governance: ${live.length > 0 ? live.join(', ') : 'already running'}`);
    const evaluations = await importDemoEvaluations(db.prisma, Date.now());
    console.log(
      `demo evaluations: ${evaluations.published.length > 0 ? evaluations.published.join(', ') : 'already published'}` +
        (evaluations.confirmed ? `; listed ${evaluations.confirmed}` : ''),
    );
    // After the evaluations: a firm they black-list is not invited. Its workflow starts the pilots.
    const campaign = await importDemoCampaign(db.prisma, client, taskQueue, Date.now());
    console.log(`demo campaign: ${campaign ? `started for ${campaign.join('、')}` : 'already confirmed'}`);
    const traces = await importDemoTraces(db.prisma, Date.now());
    // Its upkeep workflow reminds of the next maintenance and deletes visitors past their retention.
    await signalUpkeep(client, taskQueue, { compoundId: DEMO_IDS.compound, firmId: DEMO_IDS.firm });
    const toSteward = await startStewardReport(db.prisma, client, taskQueue);
    console.log(
      `demo traces: ${traces ? `${traces.equipment} items, ${traces.entries} logbook entries (${traces.visitors} visitors)` : 'already kept'}` +
        (toSteward ? '; 1 matter reported to the steward' : ''),
    );
    // Last: the public page's snapshot reads what every step above wrote.
    const disclosure = await importDemoDisclosure(db.prisma, new Date());
    console.log(`demo disclosure: ${disclosure ?? 'already published'}`);
  } finally {
    await connection.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
