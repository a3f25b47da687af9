import type { Prisma } from '@pilot/db';
import type { Principal } from '../platform/auth/principal.js';
import { enrollmentScope } from '../platform/auth/scope.js';

const NOTHING: Prisma.CompoundWhereInput = { id: { in: [] } };

/**
 * The compounds whose trace records a caller may read: the working group and admins every one, a
 * firm's staff their own firm's, an inspector those of the pilots they inspect (the records are what
 * they check). Writing is the firm's alone; the routes say so before this runs.
 */
export function traceCompoundScope(
  principal: Pick<Principal, 'role' | 'userId' | 'firmId'>,
): Prisma.CompoundWhereInput {
  switch (principal.role) {
    case 'admin':
    case 'coordinator':
      return {};
    case 'firm':
      return principal.firmId ? { firmId: principal.firmId } : NOTHING;
    case 'inspector':
      return { enrollments: { some: enrollmentScope(principal) } };
    default:
      return NOTHING;
  }
}

/** Visitors' names and phones are the firm's to see, nobody else's (the inspector sees the count). */
export const seesVisitors = (principal: Pick<Principal, 'role'>): boolean => principal.role === 'firm';

/** Whether the caller writes a compound's records: its own firm's staff, while the compound is active. */
export const writesFor = (
  principal: Pick<Principal, 'role' | 'firmId'>,
  compound: { firmId: string | null; active: boolean },
): boolean => principal.role === 'firm' && principal.firmId === compound.firmId && compound.active;
