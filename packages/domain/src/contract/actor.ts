import * as z from 'zod';

/** Who may act on a workflow: the API passes the authenticated user, timers act as `system`. */
export const ACTOR_ROLES = [
  'admin',
  'coordinator',
  'inspector',
  'firm',
  'resident',
  'party',
  'system',
] as const;
export const actorRoleSchema = z.enum(ACTOR_ROLES);
export type ActorRole = z.infer<typeof actorRoleSchema>;

export const actorSchema = z.object({
  userId: z.string().nullable(),
  role: actorRoleSchema,
  /** A firm user's firm, so the workflow can check the firm answers only for its own compound. */
  firmId: z.string().nullable().optional(),
  /** A partner unit's staff act for their unit (matters assigned to it, or it joined). */
  partyId: z.string().nullable().optional(),
  requestId: z.string().nullable().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system' };

/** Who did it, as an audit entry records it. */
export const auditActorSchema = actorSchema.pick({ userId: true, role: true, requestId: true });
export type AuditActor = z.infer<typeof auditActorSchema>;

/** The audit part of an actor: the firm is not recorded (the user id identifies it). */
export function auditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, role: actor.role, requestId: actor.requestId ?? null };
}
