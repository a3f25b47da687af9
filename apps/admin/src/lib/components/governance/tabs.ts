import type { UserRole } from '$lib/api/types';

/** The parts of 社区共治 each role works in, in the order its tabs show them. */
export type GovernanceTab = 'patrols' | 'ledger' | 'meetings' | 'residents';

export function tabsOf(role: UserRole): GovernanceTab[] {
  switch (role) {
    case 'coordinator':
    case 'party':
      return ['patrols', 'ledger', 'meetings', 'residents'];
    case 'admin':
      return ['patrols', 'ledger', 'meetings'];
    case 'inspector':
      return ['patrols', 'ledger'];
    case 'resident':
      return ['meetings'];
    case 'firm':
      return [];
  }
}

export const TAB_PATHS = {
  patrols: '/governance/patrols',
  ledger: '/governance/patrols/ledger',
  meetings: '/governance/meetings',
  residents: '/governance/residents',
} as const satisfies Record<GovernanceTab, string>;
