// 物业管家 one-to-one service: which steward a resident's home falls to. Residents give their home
// as the compound names it (3号楼2单元501) and a steward serves buildings (3号楼), so the match is
// the longest building name the home starts with — 13号楼 must not fall to 1号楼's steward.

export interface StewardCandidate {
  id: string;
  buildings: readonly string[];
}

/** The stewards serving `residence`; all of the compound's when it names no building they serve. */
export function stewardsFor<T extends StewardCandidate>(
  residence: string | null,
  stewards: readonly T[],
): {
  matched: boolean;
  stewards: T[];
} {
  const home = (residence ?? '').replace(/\s+/g, '');
  let best = 0;
  for (const steward of stewards)
    for (const building of steward.buildings)
      if (home.startsWith(building) && building.length > best) best = building.length;
  if (best === 0) return { matched: false, stewards: [...stewards] };
  return {
    matched: true,
    stewards: stewards.filter((s) => s.buildings.some((b) => b.length === best && home.startsWith(b))),
  };
}
