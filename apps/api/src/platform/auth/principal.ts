import type { UserRole } from '@pilot/domain';

/** The authenticated caller, as every service sees it. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** Set for firm users: the only firm whose compounds they see. */
  firmId: string | null;
  sessionId: string;
  requestId: string;
}
