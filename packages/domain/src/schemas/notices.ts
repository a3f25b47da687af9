import * as z from 'zod';
import { instantSchema } from '../contract/instant.js';
import { emailSchema } from './contact.js';
import { cursorParam } from './cursor.js';
import { localizedParams } from './custom-issue.js';

/*
 * 消息中心 and the channels notices also go out on. The inbox is always on; the channels are what a
 * user adds to it (e-mail, a mention by the 企业微信 or 钉钉 group robot), each only where the
 * deployment configured it.
 */

export const NOTICE_CHANNELS = ['email', 'wecom', 'dingtalk'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const noticeChannelSchema = z.enum(NOTICE_CHANNELS);

export const NOTICE_DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NoticeDeliveryStatus = (typeof NOTICE_DELIVERY_STATUSES)[number];

/** What a notice can be about, so the inbox can link to it. */
export const NOTICE_ENTITY_TYPES = [
  'inspection_task',
  'rectification',
  'enrollment',
  'matter',
  'meeting',
] as const;
export type NoticeEntityType = (typeof NOTICE_ENTITY_TYPES)[number];

const flag = z.stringbool();
const pageSize = z.coerce.number().int().min(1).max(50).default(20);

/** Newest first: the creation instant of the last notice (or delivery) on the page, and its id. */
export const noticeCursorKeySchema = z.strictObject({ at: instantSchema, id: z.string().min(1).max(200) });
export type NoticeCursorKey = z.output<typeof noticeCursorKeySchema>;

/** 消息中心: my notices, newest first; `unread` keeps only those I have not read. */
export const listNoticesQuerySchema = z.object({
  unread: flag.optional(),
  pageSize,
  cursor: cursorParam(noticeCursorKeySchema).optional(),
});
export type ListNoticesQuery = z.infer<typeof listNoticesQuerySchema>;

/**
 * 全部标为已读: up to the newest notice the reader has seen (`upTo`, its creation time), so one that
 * arrived while the page was open stays unread; every notice when absent.
 */
export const readAllNoticesSchema = z.object({ upTo: instantSchema.optional() });
export type ReadAllNoticesInput = z.infer<typeof readAllNoticesSchema>;

/** 发送记录 (admins): recent deliveries, newest first, narrowed by state and channel. */
export const listNoticeDeliveriesQuerySchema = z.object({
  status: z.enum(NOTICE_DELIVERY_STATUSES).optional(),
  channel: noticeChannelSchema.optional(),
  pageSize,
  cursor: cursorParam(noticeCursorKeySchema).optional(),
});
export type ListNoticeDeliveriesQuery = z.infer<typeof listNoticeDeliveriesQuerySchema>;

/**
 * 提醒方式 on the account page: the channels besides the inbox, and the e-mail address they use
 * (an empty text clears it). Whether the account has what a chosen channel needs (an address, a
 * mobile number for the group robot's mention) is checked against the stored account as well.
 */
export const noticeSettingsSchema = z
  .object({
    channels: z.array(noticeChannelSchema).max(NOTICE_CHANNELS.length),
    // An empty text clears it; as a union, a wrong address would be refused with zod's "matches
    // none of the options" instead of the address rule's own words.
    email: z
      .preprocess(
        (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
        emailSchema.nullable(),
      )
      .optional(),
  })
  .superRefine((settings, ctx) => {
    if (new Set(settings.channels).size !== settings.channels.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['channels'],
        params: localizedParams('每种提醒方式只能选择一次。', 'lists a channel more than once.'),
      });
    }
    if (settings.channels.includes('email') && settings.email === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        params: localizedParams(
          '选择了邮件提醒，请填写接收提醒的电子邮箱。',
          'is needed for reminders by e-mail.',
        ),
      });
    }
  });
export type NoticeSettingsInput = z.infer<typeof noticeSettingsSchema>;
