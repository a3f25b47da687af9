// The demo county's pilots, so a newcomer sees every stage at once: two demonstration compounds and
// one awaiting promotion (the article's 2 示范小区), consolidation and repeated rounds in progress,
// and fresh enrollments still in 自查自纠. Scores are invented but follow the article's story.
import { CATEGORY_CODES, type CategoryCode } from '@pilot/domain';
import { enrollmentIdFor } from '@pilot/workflows/messages';
import type { ImportedRound, PilotImport } from '@pilot/workflows/import';
import type { InspectorAssignment } from '@pilot/domain';

/** Category scores around a round score, deterministic per compound (weaker spots differ by compound). */
function categoriesAround(
  compoundId: string,
  score: number,
): Array<{ category: CategoryCode; score: number }> {
  let seed = [...compoundId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return CATEGORY_CODES.map((category) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const offset = ((seed % 1600) - 800) / 100;
    return { category, score: Math.max(0, Math.min(100, Math.round((score + offset) * 100) / 100)) };
  });
}

function round(
  compoundId: string,
  stage: ImportedRound['stage'],
  score: number,
  complianceRate: number,
  missed = 0,
): ImportedRound {
  return {
    stage,
    score,
    complianceRate,
    categoryScores: categoriesAround(compoundId, score),
    completed: 17 - missed,
    missed,
  };
}

function team(lead: string, second: string): InspectorAssignment[] {
  return [
    { inspectorId: lead, kinds: ['concentrated', 'weekly', 'consolidation'] },
    { inspectorId: second, kinds: ['monthly', 'quarterly'] },
  ];
}

function pilot(
  compoundId: string,
  firmId: string,
  assignments: InspectorAssignment[],
  history: ImportedRound[],
  promoted = false,
): PilotImport {
  return {
    enrollmentId: enrollmentIdFor(compoundId),
    compoundId,
    firmId,
    inspectorAssignments: assignments,
    history,
    promoted,
  };
}

export const DEMO_IMPORTS: readonly PilotImport[] = [
  // 玫瑰家园: where the pilot began (祥顺物业); compliance rose from 62% to 89%.
  pilot(
    'cmp-meiguijiayuan',
    'firm-xiangshun',
    team('usr-insp-zhang', 'usr-insp-li'),
    [
      round('cmp-meiguijiayuan', 'improvement', 78.6, 0.62),
      round('cmp-meiguijiayuan', 'consolidation', 90.4, 0.89),
    ],
    true,
  ),
  pilot(
    'cmp-jinshuihuayuan',
    'firm-xiangshun',
    team('usr-insp-zhang', 'usr-insp-li'),
    [
      round('cmp-jinshuihuayuan', 'improvement', 80.2, 0.71),
      round('cmp-jinshuihuayuan', 'consolidation', 88.1, 0.87),
    ],
    true,
  ),
  pilot('cmp-lijingyuan', 'firm-xiangshun', team('usr-insp-li', 'usr-insp-zhang'), [
    round('cmp-lijingyuan', 'improvement', 76.3, 0.7),
    round('cmp-lijingyuan', 'consolidation', 87.2, 0.88),
  ]),
  pilot('cmp-jinguiyuan', 'firm-jinrun', team('usr-insp-sun', 'usr-insp-zhao'), [
    round('cmp-jinguiyuan', 'improvement', 74.5, 0.73),
  ]),
  pilot('cmp-donghuyayuan', 'firm-jinrun', team('usr-insp-sun', 'usr-insp-zhao'), [
    round('cmp-donghuyayuan', 'improvement', 61.8, 0.58, 2),
  ]),
  pilot('cmp-cuipingyuan', 'firm-hengtai', team('usr-insp-ma', 'usr-insp-gao'), [
    round('cmp-cuipingyuan', 'improvement', 75.9, 0.72),
    round('cmp-cuipingyuan', 'consolidation', 77.4, 0.75),
  ]),
];

/** Pilots enrolled the ordinary way today: they open with the firm's self-inspection. */
export const DEMO_FRESH: ReadonlyArray<{
  compoundId: string;
  firmId: string;
  assignments: InspectorAssignment[];
}> = [
  { compoundId: 'cmp-yihejiayuan', firmId: 'firm-anhe', assignments: team('usr-insp-ma', 'usr-insp-gao') },
  {
    compoundId: 'cmp-hepingli',
    firmId: 'firm-zhongcheng',
    assignments: team('usr-insp-zhang', 'usr-insp-sun'),
  },
];
