import { error } from '@sveltejs/kit';
import { parseAuditFilters, auditQuery } from '$lib/components/audit/audit-filters';
import { passThrough } from '$lib/server/downloads';
import { requireSection } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** 审计日志导出: the entries matching the page's filters as CSV (UTF-8 with BOM, the request's language). */
export const GET: RequestHandler = async ({ locals, url }) => {
  requireSection(locals, url, 'audit');
  const filters = parseAuditFilters(url.searchParams);
  const result = await passThrough(
    locals.api,
    (c) => c.GET('/audit/export.csv', { params: { query: auditQuery(filters) }, parseAs: 'stream' }),
    ['content-type', 'content-disposition', 'content-length'],
  );
  if (!result.ok) error(result.error.status, result.error.message);
  return result.data;
};
