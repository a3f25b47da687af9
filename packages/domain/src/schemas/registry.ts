import type * as z from 'zod';
import { draftCatalogueVersionSchema, publishCatalogueVersionSchema } from './catalogue-version.js';
import {
  createUserSchema,
  resetPasswordSchema,
  updateUserSchema,
  enrollPilotSchema,
  extendDeadlineSchema,
  loginSchema,
  pausePilotSchema,
  promoteCompoundSchema,
  reassignInspectorSchema,
  respondRectificationSchema,
  resumePilotSchema,
  startRolloutSchema,
  submitInspectionSchema,
  submitSelfInspectionSchema,
  verifyRectificationSchema,
  withdrawPilotSchema,
} from './commands.js';
import {
  listCatalogueVersionsQuerySchema,
  listPilotsQuerySchema,
  listRectificationsQuerySchema,
  listTasksQuerySchema,
  listUsersQuerySchema,
} from './queries.js';

/** Every command a user can give, by name; handy for generic API validation and for tests. */
export const COMMAND_SCHEMAS = {
  login: loginSchema,
  createUser: createUserSchema,
  updateUser: updateUserSchema,
  resetPassword: resetPasswordSchema,
  enrollPilot: enrollPilotSchema,
  submitInspection: submitInspectionSchema,
  submitSelfInspection: submitSelfInspectionSchema,
  respondRectification: respondRectificationSchema,
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
} as const satisfies Record<string, z.ZodType>;

export const QUERY_SCHEMAS = {
  listPilots: listPilotsQuerySchema,
  listTasks: listTasksQuerySchema,
  listRectifications: listRectificationsQuerySchema,
  listUsers: listUsersQuerySchema,
  listCatalogueVersions: listCatalogueVersionsQuerySchema,
} as const satisfies Record<string, z.ZodType>;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export type QueryName = keyof typeof QUERY_SCHEMAS;
