import type { Ref } from '$lib/api/pilot-types';
import { ledgerQuery, parseLedgerFilters } from '$lib/components/governance/ledger-filters';
import { allCompounds } from '$lib/server/directory';
import { failureText } from '$lib/server/field-work';
import { ledgerOf } from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** 巡查工作台账: what patrols found and whether it was put right (销号), with the totals. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'governance');
  const filters = parseLedgerFilters(url.searchParams);
  const [ledger, compounds] = await Promise.all([
    ledgerOf(locals.api, ledgerQuery(filters, PAGE_SIZE)),
    allCompounds(locals.api),
  ]);
  const places = compounds.ok ? compounds.data : [];
  const communities = new Map<string, Ref>();
  for (const compound of places) communities.set(compound.community.id, compound.community);
  return {
    filters,
    ledger: ledger.ok ? ledger.data : null,
    failure: ledger.ok ? null : failureText(ledger.error, locals.locale),
    compounds: places.map((compound): Ref => ({ id: compound.id, name: compound.name })),
    communities: [...communities.values()],
  };
};
