import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@pilot/db';
import type { Principal } from '../platform/auth/principal.js';
import { ResidentApplicationRepository } from './resident-application.repository.js';

/**
 * Whose residents a caller looks after: coordinators and admins every community's; the staff of a
 * community's own unit (its 居委会, its 业委会) that community's; anyone else none.
 */
@Injectable()
export class ResidentScope {
  constructor(
    @Inject(ResidentApplicationRepository) private readonly repository: ResidentApplicationRepository,
  ) {}

  /** `undefined`: every community; null: none; else the one community. */
  private async community(principal: Principal): Promise<string | null | undefined> {
    if (principal.role === 'admin' || principal.role === 'coordinator') return undefined;
    if (principal.role === 'party' && principal.partyId)
      return this.repository.partyCommunity(principal.partyId);
    return null;
  }

  async applications(principal: Principal): Promise<Prisma.ResidentApplicationWhereInput> {
    const community = await this.community(principal);
    if (community === undefined) return {};
    // Outside every community: nothing is found (404), never everything.
    return community === null ? { id: { in: [] } } : { compound: { communityId: community } };
  }

  /** The compounds whose link and posters a caller may have; a resident only their own (its name on the report form). */
  async compounds(principal: Principal): Promise<Prisma.CompoundWhereInput> {
    if (principal.role === 'resident')
      return { id: { in: principal.compoundId ? [principal.compoundId] : [] } };
    const community = await this.community(principal);
    if (community === undefined) return {};
    return community === null ? { id: { in: [] } } : { communityId: community };
  }
}
