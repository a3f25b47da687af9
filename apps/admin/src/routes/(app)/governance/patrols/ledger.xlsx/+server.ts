import { ledgerQuery, parseLedgerFilters } from '$lib/components/governance/ledger-filters';
import { passThrough } from '$lib/server/downloads';
import { FILE_HEADERS, fileOrError } from '$lib/server/file-downloads';
import { requireSection } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** 巡查工作台账 as Excel, of the page's filters; the token stays on this server. */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireSection(locals, url, 'governance');
  const { page: _page, ...filters } = parseLedgerFilters(url.searchParams);
  const result = await passThrough(
    locals.api,
    (c) =>
      c.GET('/patrols/ledger.xlsx', {
        params: { query: ledgerQuery({ ...filters, page: 1 }, 100) },
        parseAs: 'stream',
      }),
    FILE_HEADERS,
  );
  return fileOrError(locals, result);
};
