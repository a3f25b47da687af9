import type { UserRole } from '@pilot/domain';

/** The authenticated caller, as every service sees it. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  /** Set for firm users: the only firm whose compounds they see. */
  firmId: string | null;
  /** Set for partner-unit staff: the unit they act for on matters. */
  partyId: string | null;
  /** Set for residents: the compound they report for. */
  compoundId: string | null;
  /** An admin set the password: only 修改密码, 我的信息 and 退出 are open until the user picks their own. */
  mustChangePassword: boolean;
  sessionId: string;
  /** The session's absolute end; rotation carries it over. */
  sessionEndsAt: Date;
  requestId: string;
}
