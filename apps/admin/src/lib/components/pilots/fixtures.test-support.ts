import type { PilotSummary } from '$lib/api/pilot-types';

/** A pilot as `GET /pilots` lists it, with whatever the test cares about changed. */
export function pilot(overrides: Partial<PilotSummary> & { id: string }): PilotSummary {
  return {
    workflowId: `pilot:${overrides.id}`,
    compound: {
      id: `cmp-${overrides.id}`,
      name: overrides.id,
      isDemonstration: false,
      community: { id: 'com-jinshuiyuan', name: '锦水园社区' },
    },
    firm: { id: 'firm-xiangshun', name: '祥顺物业' },
    stage: 'improvement',
    phase: 'self_inspection',
    stageLabel: { zh: '全面提升阶段', en: 'Comprehensive improvement' },
    phaseLabel: { zh: '企业自查自纠', en: 'Self-inspection' },
    status: 'active',
    paused: false,
    startDate: '2024-03-01',
    currentRound: 1,
    latestScore: null,
    starRating: null,
    catalogueVersionId: '2024.1',
    originEnrollmentId: null,
    origin: null,
    campaign: null,
    inspectors: [],
    openRectifications: 0,
    createdAt: '2024-03-01T00:00:00.000Z',
    updatedAt: '2024-03-01T00:00:00.000Z',
    ...overrides,
  };
}
