import type { ResponseOf } from '@pilot/api-client';
import type { UserRole } from './types';

/*
 * The admin side of the API (catalogue, archives, audit, users). Shapes come from the generated
 * client where the OpenAPI document describes them; the user routes' answers are not described
 * there yet, so they are written out to match apps/api/src/users/user.repository.ts.
 */

export type CatalogueVersionPage = ResponseOf<'get', '/catalogue/versions'>;
export type CatalogueVersionSummary = CatalogueVersionPage['items'][number];
export type CatalogueVersionDetail = ResponseOf<'get', '/catalogue/versions/{id}'>;
export type CatalogueCategory = CatalogueVersionDetail['categories'][number];
export type CatalogueStandard = CatalogueVersionDetail['standards'][number];

export type ArchivePage = ResponseOf<'get', '/archives'>;
export type ArchiveSummary = ArchivePage['items'][number];

export type AuditPage = ResponseOf<'get', '/audit'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditChainCheck = ResponseOf<'get', '/audit/verify'>;

/** One account as `GET /users` lists it (the password hash never leaves the API). */
export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  firmId: string | null;
  /** Community (社区) staff are bound to their community. */
  communityId: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
  /** Set by the API when an admin created the account or reset its password, until the user changes it. */
  mustChangePassword: boolean;
  /**
   * Log-ins to the account are held back account-wide until then, after guessing from several
   * addresses; addresses the owner used before still get in. Null when not held.
   */
  lockedUntil: string | null;
  createdAt: string;
}

export interface UserPage {
  items: UserRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** 工作日历: the releases of the working calendar, and what applying one to running pilots did. */
export type CalendarReleaseList = ResponseOf<'get', '/calendars'>;
export type CalendarReleaseSummary = CalendarReleaseList['items'][number];
export type CalendarReleaseDetail = ResponseOf<'get', '/calendars/{version}'>;
export type CalendarAdoptionBatch = ResponseOf<'post', '/calendars/{version}/adopt'>;
