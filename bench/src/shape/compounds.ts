// Compounds for the bench's pilots. A pilot's workflow id comes from its compound (one pilot per
// compound), so N pilots need N compounds; they are made straight in the records' database, served
// by the demo firm whose user submits their self-inspections, in one of its communities.
import pg from 'pg';

export const BENCH_FIRM = { id: 'firm-xiangshun', name: '祥顺物业' } as const;
export const BENCH_COMMUNITY = { id: 'com-jinshuiyuan', name: '锦水园社区' } as const;

export interface BenchCompound {
  id: string;
  name: string;
}

export function benchCompound(index: number): BenchCompound {
  const number = String(index + 1).padStart(5, '0');
  return { id: `cmp-bench-${number}`, name: `基准小区${number}` };
}

/** Makes compounds `from` … `from + count - 1` (as the records' owner). */
export async function createCompounds(
  ownerUrl: string,
  from: number,
  count: number,
): Promise<BenchCompound[]> {
  const compounds = Array.from({ length: count }, (_, i) => benchCompound(from + i));
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO compound (id, name, "communityId", "firmId", households, buildings)
       SELECT id, name, $1, $2, 400, 8 FROM unnest($3::text[], $4::text[]) AS c(id, name)`,
      [BENCH_COMMUNITY.id, BENCH_FIRM.id, compounds.map((c) => c.id), compounds.map((c) => c.name)],
    );
  } finally {
    await client.end();
  }
  return compounds;
}
