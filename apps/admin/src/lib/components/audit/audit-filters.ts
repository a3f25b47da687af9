/*
 * 审计日志 search: the filters as the address carries them (shareable, and the CSV link reuses them)
 * and as `GET /audit` / `GET /audit/export.csv` take them. Malformed values are dropped, not sent.
 */

export interface AuditFilters {
  /** Free text: the action's or the entity type's words in either language (管控 finds `rectification.control`). */
  q?: string;
  /** An action or its prefix (`pilot`, `catalogue.publish`); the form picks one by its label. */
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** Shanghai calendar days, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  page: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function clean(value: string | null, max: number): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = { page: 1 };
  const q = clean(params.get('q'), 100);
  if (q) filters.q = q;
  const action = clean(params.get('action'), 100);
  const entityType = clean(params.get('entityType'), 64);
  const entityId = clean(params.get('entityId'), 200);
  const actorId = clean(params.get('actor'), 64);
  const from = clean(params.get('from'), 10);
  const to = clean(params.get('to'), 10);
  if (action) filters.action = action;
  if (entityType) filters.entityType = entityType;
  if (entityId) filters.entityId = entityId;
  if (actorId) filters.actorId = actorId;
  if (from && DATE.test(from)) filters.from = from;
  if (to && DATE.test(to)) filters.to = to;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page >= 1 && page <= 10_000) filters.page = page;
  return filters;
}

/** The filters as the API's query (paging is added by the caller that pages). */
export function auditQuery(filters: AuditFilters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.entityId ? { entityId: filters.entityId } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

/** The filters as the address writes them (the form's field names), optionally on another page. */
export function auditSearch(filters: AuditFilters, page?: number): Record<string, string | undefined> {
  return {
    q: filters.q,
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId,
    actor: filters.actorId,
    from: filters.from,
    to: filters.to,
    page: page && page > 1 ? String(page) : undefined,
  };
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Object.entries(auditQuery(filters)).length > 0;
}
