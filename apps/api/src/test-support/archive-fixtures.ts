// A round with inspections, photos and a rectification ledger, archived by the real archive
// activity (the JSON document and its hash exactly as a pilot's workflow would make them), for the
// tests of the file book.
import { createHash } from 'node:crypto';
import { createActivities } from '@pilot/activities';
import type { AuditSigner, BlobStorage, PrismaClient } from '@pilot/db';
import { DAY_MS } from '@pilot/domain';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createPilotRecords } from './report-fixtures.js';
import { testJpeg } from './test-images.js';

export interface ArchivedRoundSpec {
  pilotId: string;
  compoundId: string;
  firmId: string;
  inspectorId: string;
  firmUserId: string;
  /** Weekly inspections in the round, each with `itemsPerInspection` items. */
  inspections: number;
  itemsPerInspection: number;
  /** Photos spread over the inspections' items, each about `photoBytes`. */
  photos: number;
  photoBytes: number;
}

export interface ArchivedRound {
  archiveId: string;
  roundId: string;
  itemCodes: string[];
  closedRectificationId: string;
  openRectificationId: string;
  /** Total bytes of the photos the book embeds. */
  photoBytes: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function createArchivedRound(
  deps: { prisma: PrismaClient; storage: BlobStorage; signer: AuditSigner },
  spec: ArchivedRoundSpec,
): Promise<ArchivedRound> {
  const { prisma, storage } = deps;
  const roundId = `${spec.pilotId}:r1`;
  const start = Date.now() - 100 * DAY_MS;
  await createPilotRecords(prisma, {
    id: spec.pilotId,
    compoundId: spec.compoundId,
    firmId: spec.firmId,
    stage: 'consolidation',
    phase: 'archiving',
    inspectorId: spec.inspectorId,
    rounds: [
      {
        number: 1,
        score: 84.5,
        stars: 4,
        categoryScores: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((category, i) => ({
          category,
          score: 70 + i * 3,
        })),
      },
    ],
    results: Array.from({ length: spec.inspections }, (_, i) => ({
      key: `r1-weekly-${String(i + 1).padStart(2, '0')}`,
      kind: 'weekly' as const,
      submittedAt: new Date(start + (i + 1) * 7 * DAY_MS),
      pass: spec.itemsPerInspection - 2,
      fail: 1,
      na: 1,
      assigneeId: spec.inspectorId,
    })),
  });
  await prisma.inspectionTask.updateMany({ where: { enrollmentId: spec.pilotId }, data: { roundId } });
  await prisma.round.update({
    where: { id: roundId },
    data: { complianceRate: 0.88, operationRate: 0.91, passed: true },
  });
  const items = await prisma.itemResult.findMany({
    where: { result: { enrollmentId: spec.pilotId } },
    orderBy: [{ resultId: 'asc' }, { standardCode: 'asc' }],
  });
  await prisma.itemResult.updateMany({
    where: { result: { enrollmentId: spec.pilotId }, outcome: 'fail' },
    data: { note: '现场发现问题，已拍照留存并下发整改' },
  });
  await prisma.inspectionResult.updateMany({
    where: { enrollmentId: spec.pilotId },
    data: { notes: '按周检查表逐项检查，整体情况良好。' },
  });

  let photoBytes = 0;
  const photosOf = new Map<number, string[]>();
  for (let k = 0; k < spec.photos; k++) {
    const bytes = testJpeg(640 + (k % 5) * 64, 480, spec.photoBytes, k + 1);
    photoBytes += bytes.byteLength;
    const id = `ev-${spec.pilotId}-${k}`;
    const storageKey = `evidence/test/${id}.jpg`;
    await storage.put(storageKey, bytes);
    await prisma.evidence.create({
      data: {
        id,
        enrollmentId: spec.pilotId,
        storageKey,
        fileName: `现场照片-${k + 1}.jpg`,
        contentType: 'image/jpeg',
        sizeBytes: bytes.byteLength,
        sha256: sha256(bytes),
        uploadedById: spec.inspectorId,
        uploadedAt: new Date(start + DAY_MS),
      },
    });
    const item = k % items.length;
    photosOf.set(item, [...(photosOf.get(item) ?? []), id]);
  }
  for (const [index, evidenceIds] of photosOf) {
    const item = items[index]!;
    await prisma.itemResult.update({
      where: {
        resultId_standardCode_keyPart: {
          resultId: item.resultId,
          standardCode: item.standardCode,
          keyPart: item.keyPart,
        },
      },
      data: { evidenceIds },
    });
  }

  // The ledger: one item closed after an answer and a verification (销号), one still open.
  const taskId = `${spec.pilotId}:r1-weekly-01`;
  const closedId = `rect-${spec.pilotId}-1`;
  const openId = `rect-${spec.pilotId}-2`;
  const opened = new Date(start + 7 * DAY_MS);
  const answerPhoto = testJpeg(480, 360, 20_000, 999);
  await storage.put(`evidence/test/${closedId}-answer.jpg`, answerPhoto);
  await prisma.evidence.create({
    data: {
      id: `ev-${closedId}-answer`,
      enrollmentId: spec.pilotId,
      storageKey: `evidence/test/${closedId}-answer.jpg`,
      fileName: '整改后照片.jpg',
      contentType: 'image/jpeg',
      sizeBytes: answerPhoto.byteLength,
      sha256: sha256(answerPhoto),
      uploadedById: spec.firmUserId,
      uploadedAt: new Date(opened.getTime() + 2 * DAY_MS),
    },
  });
  photoBytes += answerPhoto.byteLength;
  await prisma.rectification.create({
    data: {
      id: closedId,
      enrollmentId: spec.pilotId,
      roundId,
      taskId,
      standardCode: 'E-01',
      finding: '消防控制室夜班仅一人值班',
      severity: 'critical',
      critical: true,
      deadline: new Date(opened.getTime() + 3 * DAY_MS),
      status: 'closed',
      openedAt: opened,
      closedAt: new Date(opened.getTime() + 3 * DAY_MS - 3_600_000),
      responses: {
        create: {
          id: `${closedId}-resp`,
          text: '已增配值班人员，排班表上墙',
          evidenceIds: [`ev-${closedId}-answer`],
          responderId: spec.firmUserId,
          respondedAt: new Date(opened.getTime() + 2 * DAY_MS),
        },
      },
      verifications: {
        create: {
          id: `${closedId}-ver`,
          verdict: 'accept',
          verifierId: spec.inspectorId,
          verifiedAt: new Date(opened.getTime() + 3 * DAY_MS - 3_600_000),
        },
      },
      events: {
        create: [
          { id: `${closedId}-e1`, toStatus: 'open', at: opened, actorId: spec.inspectorId },
          {
            id: `${closedId}-e2`,
            fromStatus: 'open',
            toStatus: 'responded',
            at: new Date(opened.getTime() + 2 * DAY_MS),
            actorId: spec.firmUserId,
          },
          {
            id: `${closedId}-e3`,
            fromStatus: 'responded',
            toStatus: 'closed',
            at: new Date(opened.getTime() + 3 * DAY_MS - 3_600_000),
            actorId: spec.inspectorId,
          },
        ],
      },
    },
  });
  await prisma.rectification.create({
    data: {
      id: openId,
      enrollmentId: spec.pilotId,
      roundId,
      taskId,
      standardCode: 'C-05',
      finding: '电梯维保记录缺两次',
      severity: 'major',
      deadline: new Date(opened.getTime() + 7 * DAY_MS),
      status: 'open',
      openedAt: opened,
      events: { create: [{ id: `${openId}-e1`, toStatus: 'open', at: opened, actorId: spec.inspectorId }] },
    },
  });

  const archiveId = `arc-${spec.pilotId}-r1`;
  const activities = createActivities({ prisma, storage, audit: deps.signer });
  await new MockActivityEnvironment({ activityId: 'archive' }).run(activities.archiveRound, {
    enrollmentId: spec.pilotId,
    roundId,
    archiveId,
    createdAt: start + 95 * DAY_MS,
  });
  return {
    archiveId,
    roundId,
    itemCodes: [...new Set(items.map((i) => i.standardCode))],
    closedRectificationId: closedId,
    openRectificationId: openId,
    photoBytes,
  };
}
