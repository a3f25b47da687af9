import {
  MATTER_CATEGORY_LABELS,
  MATTER_EVENT_LABELS,
  MATTER_SOURCE_LABELS,
  MATTER_STATUS_LABELS,
  MATTER_URGENCY_LABELS,
  PARTY_KIND_LABELS,
  PARTY_KINDS,
  type LocalizedText,
  type MatterStatus,
  type PartyKind,
} from '@pilot/domain';
import type { MatterSummary, Party } from '$lib/api/matter-types';
import type { ChipTone } from '$lib/components/field-work/status';

/*
 * The matter words come from the domain (the ones the workflow's own notices use); the API may send
 * a label with an item, which wins when it does (a rule set may name a category differently).
 */

export {
  MATTER_CATEGORY_LABELS,
  MATTER_EVENT_LABELS,
  MATTER_SOURCE_LABELS,
  MATTER_STATUS_LABELS,
  MATTER_URGENCY_LABELS,
  PARTY_KIND_LABELS,
};

/** The category as the API names it (a rule set may word it differently from the domain's list). */
export function categoryOf(item: Pick<MatterSummary, 'category'>): LocalizedText {
  return item.category.label;
}

/** Who must act next decides the colour: waiting for the street is a warning, overdue is danger. */
export function matterTone(status: MatterStatus, overdue: boolean): ChipTone {
  if (overdue && status !== 'closed') return 'danger';
  switch (status) {
    case 'reported':
      return 'warn';
    case 'assigned':
      return 'warn';
    case 'in_progress':
      return 'info';
    case 'answered':
      return 'info';
    case 'closed':
      return 'ok';
  }
}

/** The partner units by 1+4+N kind, in the article's order (物业管理, 城市管理, 民生保障, 司法诉讼). */
export function partiesByKind(parties: readonly Party[]): Array<{ kind: PartyKind; parties: Party[] }> {
  return PARTY_KINDS.map((kind) => ({
    kind,
    parties: parties.filter((party) => party.kind.code === kind).sort((a, b) => a.code.localeCompare(b.code)),
  })).filter((group) => group.parties.length > 0);
}
