import type { FirmListKind, PrismaClient } from './generated/prisma/client.js';

/** Any client or transaction: the check runs inside the caller's transaction when it has one. */
type Reader = Pick<PrismaClient, 'firmListEntry'>;

export interface FirmListing {
  entryId: string;
  firmId: string;
  list: FirmListKind;
  effectiveFrom: Date;
  effectiveUntil: Date | null;
  decisionReason: string | null;
}

/**
 * The firms on a list on a day (`YYYY-MM-DD`, Asia/Shanghai): an admin's confirmed entry whose
 * effective window covers the day. The entries are the record; Firm.listStatus only mirrors them,
 * so rules that refuse a black-listed firm (rollout, promotion, campaigns) ask here.
 */
export async function firmsListedOn(
  prisma: Reader,
  list: FirmListKind,
  day: string,
  firmIds?: readonly string[],
): Promise<Map<string, FirmListing>> {
  const on = new Date(`${day}T00:00:00Z`);
  const rows = await prisma.firmListEntry.findMany({
    where: {
      list,
      status: 'listed',
      effectiveFrom: { lte: on },
      OR: [{ effectiveUntil: null }, { effectiveUntil: { gte: on } }],
      ...(firmIds ? { firmId: { in: [...firmIds] } } : {}),
    },
    orderBy: { effectiveFrom: 'asc' },
  });
  return new Map(
    rows.map((row) => [
      row.firmId,
      {
        entryId: row.id,
        firmId: row.firmId,
        list: row.list,
        // A listed entry always has its start (confirmation sets it); the filter above required it.
        effectiveFrom: row.effectiveFrom ?? on,
        effectiveUntil: row.effectiveUntil,
        decisionReason: row.decisionReason,
      },
    ]),
  );
}
