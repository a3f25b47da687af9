import type { UserRole } from '$lib/api/types';

/** The parts of 激励评价 each role works in, in the order its tabs show them. */
export type IncentivesTab = 'evaluation' | 'lists' | 'cases' | 'disclosure' | 'campaigns';

export function tabsOf(role: UserRole): IncentivesTab[] {
  switch (role) {
    case 'admin':
      return ['evaluation', 'lists', 'cases', 'disclosure', 'campaigns'];
    // Coordinators review cases and run rollouts; they read the ranking and lists the admin decides.
    case 'coordinator':
      return ['evaluation', 'lists', 'cases', 'campaigns'];
    // A firm reads its own evaluation and submits its cases.
    case 'firm':
      return ['evaluation', 'cases'];
    case 'inspector':
    case 'resident':
    case 'party':
      return [];
  }
}

export const TAB_PATHS = {
  evaluation: '/incentives/evaluation',
  lists: '/incentives/lists',
  cases: '/incentives/cases',
  disclosure: '/incentives/disclosure',
  campaigns: '/incentives/campaigns',
} as const satisfies Record<IncentivesTab, string>;
