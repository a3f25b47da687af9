import { Prisma } from '@pilot/db';
import type { Principal } from '../platform/auth/principal.js';

/** Who is asking, as far as deciding what they may see goes. */
export type Viewer = Pick<Principal, 'role' | 'userId' | 'firmId'>;

/** Narrowing a caller may ask for; it only ever narrows what their role lets them see. */
export interface ReportFilter {
  pilotId?: string | undefined;
  firmId?: string | undefined;
  communityId?: string | undefined;
}

/** Matches no row: a caller outside every scope sees nothing rather than everything. */
const NOTHING: Prisma.EnrollmentWhereInput = { id: { in: [] } };

/**
 * The pilots (enrollments) a caller may see: admins and coordinators all of them; an inspector the
 * pilots they are assigned to or hold a task of (a reassigned inspector keeps their history); a firm
 * user its own firm's pilots. The same rule as the pilot pages, so a dashboard never counts a record
 * its reader could not open.
 */
function viewerEnrollments(viewer: Viewer): Prisma.EnrollmentWhereInput {
  switch (viewer.role) {
    case 'admin':
    case 'coordinator':
      return {};
    case 'inspector':
      return {
        OR: [
          { assignments: { some: { userId: viewer.userId } } },
          { tasks: { some: { assigneeId: viewer.userId } } },
        ],
      };
    case 'firm':
      return viewer.firmId ? { firmId: viewer.firmId } : NOTHING;
    default:
      return NOTHING;
  }
}

export function enrollmentWhere(viewer: Viewer, filter: ReportFilter = {}): Prisma.EnrollmentWhereInput {
  const and: Prisma.EnrollmentWhereInput[] = [viewerEnrollments(viewer)];
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
