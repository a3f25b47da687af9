import type * as z from 'zod';
import {
  createCatalogueDraftSchema,
  dashboardQuerySchema,
  exportAuditLogQuerySchema,
  exportPilotsQuerySchema,
  exportRectificationsQuerySchema,
  listArchivesQuerySchema,
  searchAuditLogQuerySchema,
  updateCatalogueDraftSchema,
} from './admin.js';
import { draftCatalogueVersionSchema, publishCatalogueVersionSchema } from './catalogue-version.js';
import {
  createUserSchema,
  resetPasswordSchema,
  updateUserSchema,
  bulkEnrollPilotsSchema,
  enrollPilotSchema,
  extendDeadlineSchema,
  loginSchema,
  pausePilotSchema,
  promoteCompoundSchema,
  reassignInspectorSchema,
  respondRectificationSchema,
  controlRectificationSchema,
  resumePilotSchema,
  startRolloutSchema,
  submitInspectionSchema,
  submitSelfInspectionSchema,
  uploadEvidenceSchema,
  verifyRectificationSchema,
  withdrawPilotSchema,
} from './commands.js';
import { changePasswordSchema } from './password-policy.js';
import {
  listCatalogueVersionsQuerySchema,
  listCompoundsQuerySchema,
  listPilotsQuerySchema,
  listRectificationsQuerySchema,
  pilotTimelineQuerySchema,
  listTasksQuerySchema,
  listUsersQuerySchema,
} from './queries.js';

/** Every command a user can give, by name; handy for generic API validation and for tests. */
export const COMMAND_SCHEMAS = {
  login: loginSchema,
  createUser: createUserSchema,
  updateUser: updateUserSchema,
  resetPassword: resetPasswordSchema,
  changePassword: changePasswordSchema,
  enrollPilot: enrollPilotSchema,
  bulkEnrollPilots: bulkEnrollPilotsSchema,
  submitInspection: submitInspectionSchema,
  submitSelfInspection: submitSelfInspectionSchema,
  uploadEvidence: uploadEvidenceSchema,
  respondRectification: respondRectificationSchema,
  controlRectification: controlRectificationSchema,
  verifyRectification: verifyRectificationSchema,
  promoteCompound: promoteCompoundSchema,
  pausePilot: pausePilotSchema,
  resumePilot: resumePilotSchema,
  extendDeadline: extendDeadlineSchema,
  reassignInspector: reassignInspectorSchema,
  withdrawPilot: withdrawPilotSchema,
  startRollout: startRolloutSchema,
  draftCatalogueVersion: draftCatalogueVersionSchema,
  publishCatalogueVersion: publishCatalogueVersionSchema,
  createCatalogueDraft: createCatalogueDraftSchema,
  updateCatalogueDraft: updateCatalogueDraftSchema,
} as const satisfies Record<string, z.ZodType>;

export const QUERY_SCHEMAS = {
  listPilots: listPilotsQuerySchema,
  pilotTimeline: pilotTimelineQuerySchema,
  listTasks: listTasksQuerySchema,
  listRectifications: listRectificationsQuerySchema,
  listUsers: listUsersQuerySchema,
  listCompounds: listCompoundsQuerySchema,
  listCatalogueVersions: listCatalogueVersionsQuerySchema,
  dashboard: dashboardQuerySchema,
  searchAuditLog: searchAuditLogQuerySchema,
  exportAuditLog: exportAuditLogQuerySchema,
  exportPilots: exportPilotsQuerySchema,
  exportRectifications: exportRectificationsQuerySchema,
  listArchives: listArchivesQuerySchema,
} as const satisfies Record<string, z.ZodType>;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export type QueryName = keyof typeof QUERY_SCHEMAS;
