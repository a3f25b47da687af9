// What the trace routes take besides the records themselves: the logbook's filters, a route's
// retirement and a steward's end of service.
import * as z from 'zod';
import { idSchema, listOf, localDateSchema } from '../schemas/common.js';
import { LOGBOOK_KINDS } from './logbook.js';

/** 查看记录: one compound's entries, newest first, by kind, item, route and local days. */
export const listLogbookEntriesQuerySchema = z.object({
  compoundId: idSchema,
  kind: listOf(LOGBOOK_KINDS).optional(),
  equipmentId: idSchema.optional(),
  routeId: idSchema.optional(),
  from: localDateSchema.optional(),
  to: localDateSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListLogbookEntriesQuery = z.infer<typeof listLogbookEntriesQuerySchema>;

/** A route is retired, not deleted: its rounds stay on record. */
export const setPatrolRouteActiveSchema = z.object({ routeId: idSchema, active: z.boolean() });
export type SetPatrolRouteActiveInput = z.infer<typeof setPatrolRouteActiveSchema>;

/** A steward's service ends (another takes the buildings over, or they leave the firm). */
export const endStewardSchema = z.object({ stewardId: idSchema });
export type EndStewardInput = z.infer<typeof endStewardSchema>;

/** 标识标牌: one item's label, or (without) every item in use. */
export const equipmentLabelsQuerySchema = z.object({ equipmentId: idSchema.optional() });
export type EquipmentLabelsQuery = z.infer<typeof equipmentLabelsQuerySchema>;
