import type { Prisma } from '@pilot/db';
import type { Principal } from './principal.js';

/** Matches no row: a caller outside every scope sees nothing rather than everything. */
const NOTHING = { id: { in: [] as string[] } };

/**
 * The pilots (enrollments) a caller may see. Coordinators and admins see all; an inspector the
 * pilots they are assigned to, or hold a task of (a reassigned inspector keeps their history); a
 * firm user only its own firm's. Every repository query that reads pilot records starts from it,
 * so a record outside the scope is simply not found (404).
 */
export function enrollmentScope(
  principal: Pick<Principal, 'role' | 'userId' | 'firmId'>,
): Prisma.EnrollmentWhereInput {
  switch (principal.role) {
    case 'admin':
    case 'coordinator':
      return {};
    case 'inspector':
      return {
        OR: [
          { assignments: { some: { userId: principal.userId } } },
          { tasks: { some: { assigneeId: principal.userId } } },
        ],
      };
    case 'firm':
      return principal.firmId ? { firmId: principal.firmId } : NOTHING;
    default:
      return NOTHING;
  }
}

/**
 * The inspection tasks a caller may see: an inspector only the tasks assigned to them, a firm user
 * its own compounds' self-inspections, coordinators and admins every task.
 */
export function taskScope(
  principal: Pick<Principal, 'role' | 'userId' | 'firmId'>,
): Prisma.InspectionTaskWhereInput {
  switch (principal.role) {
    case 'admin':
    case 'coordinator':
      return {};
    case 'inspector':
      return { assigneeId: principal.userId };
    case 'firm':
      return principal.firmId ? { kind: 'self', enrollment: { firmId: principal.firmId } } : NOTHING;
    default:
      return NOTHING;
  }
}

/** Rectification items follow their pilot's scope: the firm answers them, any assigned inspector verifies. */
export function rectificationScope(
  principal: Pick<Principal, 'role' | 'userId' | 'firmId'>,
): Prisma.RectificationWhereInput {
  const scope = enrollmentScope(principal);
  return Object.keys(scope).length === 0 ? {} : { enrollment: scope };
}

/** A firm user sees only its own firm's compounds; coordinators and admins see every compound. */
export function compoundScope(principal: Pick<Principal, 'role' | 'firmId'>): Prisma.CompoundWhereInput {
  if (principal.role === 'firm') return principal.firmId ? { firmId: principal.firmId } : NOTHING;
  return principal.role === 'admin' || principal.role === 'coordinator' ? {} : NOTHING;
}

/**
 * The matters (事项) a caller may see: coordinators and admins all; a firm those assigned to it or
 * of its compounds; a partner unit's staff those assigned to their unit or that it joined; a
 * resident only what they reported themselves.
 */
export function matterScope(
  principal: Pick<Principal, 'role' | 'userId' | 'firmId' | 'partyId'>,
): Prisma.MatterWhereInput {
  switch (principal.role) {
    case 'admin':
    case 'coordinator':
      return {};
    case 'firm':
      return principal.firmId
        ? { OR: [{ assigneeFirmId: principal.firmId }, { firmId: principal.firmId }] }
        : NOTHING;
    case 'party':
      return principal.partyId
        ? { OR: [{ assigneePartyId: principal.partyId }, { jointPartyIds: { has: principal.partyId } }] }
        : NOTHING;
    case 'resident':
      return { reporterId: principal.userId };
    default:
      return NOTHING;
  }
}
