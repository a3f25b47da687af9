import {
  NOTICE_CHANNELS,
  NOTICE_DELIVERY_STATUSES,
  NOTICE_ENTITY_TYPES,
  NOTIFICATION_KINDS,
  USER_ROLES,
  instantSchema,
} from '@pilot/domain';
import * as z from 'zod';

/* Response shapes of 消息中心 and the delivery log; the services return `z.infer` of them. */

const channel = z.enum(NOTICE_CHANNELS);

export const noticeSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  /** Addressed to me (`user`) or to everyone of my role in scope (`role`). */
  addressedTo: z.enum(['user', 'role']),
  /** What it is about; the inbox links there (null: nothing to open). */
  subject: z.object({ type: z.enum(NOTICE_ENTITY_TYPES), id: z.string() }).nullable(),
  pilot: z.object({ id: z.string(), compoundName: z.string().nullable() }).nullable(),
  createdAt: instantSchema,
  readAt: instantSchema.nullable(),
});

export const noticePageSchema = z.object({
  items: z.array(noticeSchema),
  nextCursor: z.string().nullable(),
  /** Unread notices of the caller, whatever the page shows. */
  unread: z.number().int(),
});

export const unreadCountSchema = z.object({ unread: z.number().int() });

export const readAllResultSchema = z.object({ marked: z.number().int(), unread: z.number().int() });

export const noticeSettingsViewSchema = z.object({
  channels: z.array(channel),
  email: z.string().nullable(),
  /** The account's mobile number, which the group robots mention (set by an administrator). */
  phone: z.string().nullable(),
  /** The channels this deployment sends on; a chosen channel outside them is kept but not used. */
  available: z.array(channel),
});

export const noticeDeliverySchema = z.object({
  id: z.string(),
  channel,
  address: z.string(),
  status: z.enum(NOTICE_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  lastAttemptAt: instantSchema.nullable(),
  sentAt: instantSchema.nullable(),
  createdAt: instantSchema,
  recipient: z.object({
    id: z.string(),
    displayName: z.string().nullable(),
    role: z.enum(USER_ROLES).nullable(),
  }),
  notice: z.object({ id: z.string(), kind: z.enum(NOTIFICATION_KINDS), title: z.string() }),
});

export const noticeDeliveryPageSchema = z.object({
  items: z.array(noticeDeliverySchema),
  nextCursor: z.string().nullable(),
  /** How many deliveries are in each state, over all of them (not only this page). */
  counts: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  available: z.array(channel),
});

export type NoticeView = z.infer<typeof noticeSchema>;
export type NoticePage = z.infer<typeof noticePageSchema>;
export type UnreadCount = z.infer<typeof unreadCountSchema>;
export type ReadAllResult = z.infer<typeof readAllResultSchema>;
export type NoticeSettingsView = z.infer<typeof noticeSettingsViewSchema>;
export type NoticeDeliveryView = z.infer<typeof noticeDeliverySchema>;
export type NoticeDeliveryPage = z.infer<typeof noticeDeliveryPageSchema>;
