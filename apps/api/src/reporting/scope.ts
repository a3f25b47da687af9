import { Prisma } from '@pilot/db';
import type { Principal } from '../platform/auth/principal.js';
import { enrollmentScope } from '../platform/auth/scope.js';

/** Who is asking, as far as deciding what they may see goes. */
export type Viewer = Pick<Principal, 'role' | 'userId' | 'firmId'>;

/** Narrowing a caller may ask for; it only ever narrows what their role lets them see. */
export interface ReportFilter {
  pilotId?: string | undefined;
  firmId?: string | undefined;
  communityId?: string | undefined;
}

export function enrollmentWhere(viewer: Viewer, filter: ReportFilter = {}): Prisma.EnrollmentWhereInput {
  const and: Prisma.EnrollmentWhereInput[] = [enrollmentScope(viewer)];
  if (filter.pilotId) and.push({ id: filter.pilotId });
  if (filter.firmId) and.push({ firmId: filter.firmId });
  if (filter.communityId) and.push({ compound: { communityId: filter.communityId } });
  return { AND: and };
}

/**
 * SQL condition over `enrollment e` joined with its `compound c`, for the aggregates Prisma's query
 * builder cannot express. Enum values are written as literals: a bound text parameter would not
 * compare with a PostgreSQL enum column.
 */
export function enrollmentSql(viewer: Viewer, filter: ReportFilter = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [viewerEnrollmentSql(viewer, Prisma.raw('e'))];
  if (filter.pilotId) parts.push(Prisma.sql`e.id = ${filter.pilotId}`);
  if (filter.firmId) parts.push(Prisma.sql`e."firmId" = ${filter.firmId}`);
  if (filter.communityId) parts.push(Prisma.sql`c."communityId" = ${filter.communityId}`);
  return Prisma.join(parts, ' AND ');
}

function viewerEnrollmentSql(viewer: Viewer, alias: Prisma.Sql): Prisma.Sql {
  switch (viewer.role) {
    case 'admin':
    case 'coordinator':
      return Prisma.sql`TRUE`;
    case 'inspector':
      return Prisma.sql`(EXISTS (SELECT 1 FROM inspector_assignment a WHERE a."enrollmentId" = ${alias}.id AND a."userId" = ${viewer.userId})
        OR EXISTS (SELECT 1 FROM inspection_task t WHERE t."enrollmentId" = ${alias}.id AND t."assigneeId" = ${viewer.userId}))`;
    case 'firm':
      return viewer.firmId ? Prisma.sql`${alias}."firmId" = ${viewer.firmId}` : Prisma.sql`FALSE`;
    default:
      return Prisma.sql`FALSE`;
  }
}

/**
 * SQL condition over `compound c` for compound-level figures (monthly complaints, fees,
 * satisfaction): a firm sees the compounds it serves, an inspector the compounds of their pilots.
 */
export function compoundSql(viewer: Viewer, filter: ReportFilter = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  switch (viewer.role) {
    case 'admin':
    case 'coordinator':
      parts.push(Prisma.sql`TRUE`);
      break;
    case 'inspector':
      parts.push(
        Prisma.sql`EXISTS (SELECT 1 FROM enrollment ve WHERE ve."compoundId" = c.id AND ${viewerEnrollmentSql(viewer, Prisma.raw('ve'))})`,
      );
      break;
    case 'firm':
      parts.push(viewer.firmId ? Prisma.sql`c."firmId" = ${viewer.firmId}` : Prisma.sql`FALSE`);
      break;
    default:
      parts.push(Prisma.sql`FALSE`);
  }
  if (filter.pilotId) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM enrollment pe WHERE pe."compoundId" = c.id AND pe.id = ${filter.pilotId})`,
    );
  }
  if (filter.firmId) parts.push(Prisma.sql`c."firmId" = ${filter.firmId}`);
  if (filter.communityId) parts.push(Prisma.sql`c."communityId" = ${filter.communityId}`);
  return Prisma.join(parts, ' AND ');
}
