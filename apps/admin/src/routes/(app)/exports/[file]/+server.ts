import { error } from '@sveltejs/kit';
import { parseBoardFilters } from '$lib/components/pilots/board';
import {
  parseRectificationFilters,
  parseTaskFilters,
  taskQuery,
} from '$lib/components/field-work/list-filters';
import { translate } from '$lib/i18n';
import { passThrough } from '$lib/server/downloads';
import { FILE_HEADERS, fileOrError } from '$lib/server/file-downloads';
import { requireUser } from '$lib/server/guard';
import type { Api } from '$lib/server/api';
import type { RequestHandler } from './$types';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;

type Format = 'csv' | 'xlsx';

/**
 * Ledgers as files (试点清单, 整改台账, 检查任务台账, 档案目录), CSV or Excel, narrowed by the filters of the
 * page the link is on (the names that page's address uses). Who may export what is the API's call:
 * the ledgers are for admins and coordinators, the archive index for whoever sees archives.
 */
function download(api: Api, ledger: string, format: Format, params: URLSearchParams) {
  const stream = { parseAs: 'stream' } as const;
  switch (ledger) {
    case 'tasks': {
      const query = taskQuery(parseTaskFilters(params));
      return passThrough(
        api,
        (c) =>
          format === 'csv'
            ? c.GET('/exports/tasks.csv', { params: { query }, ...stream })
            : c.GET('/exports/tasks.xlsx', { params: { query }, ...stream }),
        FILE_HEADERS,
      );
    }
    case 'rectifications': {
      // The ledger's own filters: the list's search and places are not among them.
      const filters = parseRectificationFilters(params);
      const query = {
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.severity ? { severity: filters.severity } : {}),
        ...(filters.overdue !== undefined ? { overdue: filters.overdue ? 'true' : 'false' } : {}),
      } as const;
      return passThrough(
        api,
        (c) =>
          format === 'csv'
            ? c.GET('/exports/rectifications.csv', { params: { query }, ...stream })
            : c.GET('/exports/rectifications.xlsx', { params: { query }, ...stream }),
        FILE_HEADERS,
      );
    }
    case 'pilots': {
      // The board's places; its other filters (stars, inspector, search) are not the ledger's.
      const filters = parseBoardFilters(params);
      const query = {
        ...(filters.communityId ? { communityId: filters.communityId } : {}),
        ...(filters.firmId ? { firmId: filters.firmId } : {}),
      };
      return passThrough(
        api,
        (c) =>
          format === 'csv'
            ? c.GET('/exports/pilots.csv', { params: { query }, ...stream })
            : c.GET('/exports/pilots.xlsx', { params: { query }, ...stream }),
        FILE_HEADERS,
      );
    }
    case 'archives': {
      const compound = params.get('compound')?.trim() ?? '';
      const query = ID.test(compound) ? { compoundId: compound } : {};
      return passThrough(
        api,
        (c) =>
          format === 'csv'
            ? c.GET('/archives/index.csv', { params: { query }, ...stream })
            : c.GET('/archives/index.xlsx', { params: { query }, ...stream }),
        FILE_HEADERS,
      );
    }
    default:
      return null;
  }
}

export const GET: RequestHandler = async ({ locals, url, params }) => {
  requireUser(locals, url);
  const match = /^(tasks|rectifications|pilots|archives)\.(csv|xlsx)$/.exec(params.file);
  const result = match
    ? download(locals.api, match[1]!, match[2] === 'csv' ? 'csv' : 'xlsx', url.searchParams)
    : null;
  if (!result) error(404, translate(locals.locale, 'errors.notFound'));
  return fileOrError(locals, await result);
};
