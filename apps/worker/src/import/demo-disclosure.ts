// The demo's public page (信息公开): once every other part of the demo exists (pilots with their
// stars, matters, the published evaluations and lists, the 三微案例 issues from the seed), the admin
// publishes one snapshot of all sections, through the same builder the API's publish route uses.
import {
  DEMO_IDS,
  DEMO_SUBDISTRICT,
  defaultAuditKeyring,
  publishDisclosureSnapshot,
  type PrismaClient,
} from '@pilot/db';
import { DISCLOSURE_SECTIONS } from '@pilot/domain';

/** Publishes the demo snapshot unless the subdistrict has one; returns its id, or null when present. */
export async function importDemoDisclosure(prisma: PrismaClient, now: Date): Promise<string | null> {
  const existing = await prisma.disclosureSnapshot.findFirst({
    where: { subdistrict: DEMO_SUBDISTRICT },
    select: { id: true },
  });
  if (existing) return null;
  const { signer } = await defaultAuditKeyring();
  const row = await prisma.$transaction(
    (tx) =>
      publishDisclosureSnapshot(
        tx,
        signer,
        { userId: DEMO_IDS.admin, role: 'admin', requestId: null },
        { subdistrict: DEMO_SUBDISTRICT, sections: DISCLOSURE_SECTIONS, now, id: 'ds-demo-jinshui' },
      ),
    { timeout: 60_000 },
  );
  return row.id;
}
