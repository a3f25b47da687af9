import type { Prisma } from '@pilot/db';
import type { Principal } from '../platform/auth/principal.js';

/**
 * The cases a caller may see: the working group and admins all; a firm's staff their own firm's.
 * The routes refuse every other role before this runs; it still matches nothing for them.
 */
export function caseScope(principal: Pick<Principal, 'role' | 'firmId'>): Prisma.MicroCaseWhereInput {
  if (principal.role === 'coordinator' || principal.role === 'admin') return {};
  if (principal.role === 'firm' && principal.firmId) return { firmId: principal.firmId };
  return { id: { in: [] } };
}
