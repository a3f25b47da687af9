import type { ResponseOf } from '@pilot/api-client';

/*
 * The JSON shapes the admin reads from the API. Where the OpenAPI document describes an answer,
 * the type comes from the generated client (@pilot/api-client); the session routes' answers are not
 * described there yet, so they are written out here to match apps/api/src/auth/auth.service.ts.
 */

export const USER_ROLES = ['admin', 'coordinator', 'inspector', 'firm', 'resident', 'party'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  firmId: string | null;
  /** An admin set this password (or it is a demo account's): the user must choose their own first. */
  mustChangePassword: boolean;
}

export interface SessionView {
  token: string;
  /** The idle expiry: the API moves it on with each use, never past `endsAt`. */
  expiresAt: string;
  /** The sign-in's absolute end (log-in + 12 h by default); token rotation keeps it. */
  endsAt: string;
  user: SessionUser;
}

/** 工作台: every dashboard section in one answer (`GET /dashboard`). */
export type Dashboard = ResponseOf<'get', '/dashboard'>;

/** The API's one chart shape: categories, and series of values aligned with them, labels in zh and en. */
export type ApiChart = Dashboard['funnel']['byStage'];

export type ChartUnit = ApiChart['series'][number]['unit'];
