// Notices beyond the inbox: the delivery workflow's contract with its activities, the group robots'
// message formats, and the deployment's channel settings (read from the environment by the API and
// every worker alike, so both agree on which channels exist).
import * as z from 'zod';
import { NOTICE_CHANNELS } from '../schemas/notices.js';

/** One notice's deliveries, sent by one workflow whose id is derived from the notice's dedupeKey. */
export const noticeDeliveryInputSchema = z.object({ notificationId: z.string() });
export type NoticeDeliveryInput = z.infer<typeof noticeDeliveryInputSchema>;

export const sendNoticeDeliveryInputSchema = z.object({ deliveryId: z.string() });
export type SendNoticeDeliveryInput = z.infer<typeof sendNoticeDeliveryInputSchema>;

export const failNoticeDeliveryInputSchema = z.object({ deliveryId: z.string(), error: z.string() });
export type FailNoticeDeliveryInput = z.infer<typeof failNoticeDeliveryInputSchema>;

/** `already_sent`: an earlier attempt (before a crash, say) had sent it; nothing went out again. */
export const sendNoticeDeliveryResultSchema = z.object({ outcome: z.enum(['sent', 'already_sent']) });
export type SendNoticeDeliveryResult = z.infer<typeof sendNoticeDeliveryResultSchema>;

export const noticeDeliveryOutcomeSchema = z.object({ sent: z.number().int(), failed: z.number().int() });
export type NoticeDeliveryOutcome = z.infer<typeof noticeDeliveryOutcomeSchema>;

/*
 * The group robots' JSON (企业微信「群机器人」, 钉钉「自定义机器人」). A robot posts into its one
 * group; a person is reached by being mentioned there by mobile number. 企业微信 mentions by mobile
 * only in text messages (its markdown has no such list), 钉钉 in both (the number must also stand
 * in the text as @mobile for the mention to show where it is written).
 */
export const ROBOT_MESSAGE_TYPES = ['text', 'markdown'] as const;
export type RobotMessageType = (typeof ROBOT_MESSAGE_TYPES)[number];

export const wecomRobotMessageSchema = z.discriminatedUnion('msgtype', [
  z.object({
    msgtype: z.literal('text'),
    text: z.object({ content: z.string(), mentioned_mobile_list: z.array(z.string()).optional() }),
  }),
  z.object({ msgtype: z.literal('markdown'), markdown: z.object({ content: z.string() }) }),
]);
export type WecomRobotMessage = z.infer<typeof wecomRobotMessageSchema>;

const dingtalkAt = z.object({ atMobiles: z.array(z.string()), isAtAll: z.boolean() });
export const dingtalkRobotMessageSchema = z.discriminatedUnion('msgtype', [
  z.object({ msgtype: z.literal('text'), text: z.object({ content: z.string() }), at: dingtalkAt }),
  z.object({
    msgtype: z.literal('markdown'),
    markdown: z.object({ title: z.string(), text: z.string() }),
    at: dingtalkAt,
  }),
]);
export type DingtalkRobotMessage = z.infer<typeof dingtalkRobotMessageSchema>;

/** Both robots answer HTTP 200 with `errcode` 0 when they took the message, another code when not. */
export const robotAnswerSchema = z.object({ errcode: z.number(), errmsg: z.string().optional() });

/*
 * The channels a deployment offers, from its environment. Nothing configured (the embedded start)
 * means no channel: notices stay in the inbox and no delivery is recorded for them.
 */
const unsetIfEmpty = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(unsetIfEmpty, z.string().trim().min(1).optional());
const webhookUrl = z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).optional());
/** `Name <address>` or a bare address: what goes into the From header. */
const fromAddress = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address or "Name <address>"')
    .optional(),
);

export const SMTP_TLS_MODES = ['starttls', 'implicit', 'none'] as const;

export const noticeEnvSchema = z
  .object({
    SMTP_HOST: optionalText,
    SMTP_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(65535).optional()),
    SMTP_USER: optionalText,
    SMTP_PASS: optionalText,
    SMTP_FROM: fromAddress,
    /** `starttls`: plain connection upgraded, refused if the server cannot; `implicit`: TLS from the start (465). */
    SMTP_TLS: z.preprocess(unsetIfEmpty, z.enum(SMTP_TLS_MODES).default('starttls')),
    WECOM_WEBHOOK_URL: webhookUrl,
    WECOM_MSGTYPE: z.preprocess(unsetIfEmpty, z.enum(ROBOT_MESSAGE_TYPES).default('text')),
    DINGTALK_WEBHOOK_URL: webhookUrl,
    /** The robot's 加签 secret (SEC…), when its security setting is signing. */
    DINGTALK_SECRET: optionalText,
    DINGTALK_MSGTYPE: z.preprocess(unsetIfEmpty, z.enum(ROBOT_MESSAGE_TYPES).default('markdown')),
    /** Where people open the admin UI, for links in the messages (e.g. https://pilot.example.gov.cn). */
    NOTICE_LINK_BASE_URL: webhookUrl,
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_HOST && !env.SMTP_FROM)
      ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'is required with SMTP_HOST' });
    if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASS))
      ctx.addIssue({ code: 'custom', path: ['SMTP_PASS'], message: 'SMTP_USER and SMTP_PASS go together' });
    if (env.DINGTALK_SECRET && !env.DINGTALK_WEBHOOK_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['DINGTALK_SECRET'],
        message: 'is set without DINGTALK_WEBHOOK_URL',
      });
  })
  .transform((env) => ({
    email:
      env.SMTP_HOST && env.SMTP_FROM
        ? {
            host: env.SMTP_HOST,
            port: env.SMTP_PORT ?? (env.SMTP_TLS === 'implicit' ? 465 : 587),
            tls: env.SMTP_TLS,
            auth: env.SMTP_USER && env.SMTP_PASS ? { user: env.SMTP_USER, pass: env.SMTP_PASS } : null,
            from: env.SMTP_FROM,
          }
        : null,
    wecom: env.WECOM_WEBHOOK_URL ? { url: env.WECOM_WEBHOOK_URL, msgtype: env.WECOM_MSGTYPE } : null,
    dingtalk: env.DINGTALK_WEBHOOK_URL
      ? { url: env.DINGTALK_WEBHOOK_URL, secret: env.DINGTALK_SECRET ?? null, msgtype: env.DINGTALK_MSGTYPE }
      : null,
    linkBaseUrl: env.NOTICE_LINK_BASE_URL?.replace(/\/+$/, '') ?? null,
  }));
export type NoticeSettings = z.output<typeof noticeEnvSchema>;

/** No channel at all: the embedded start's default. */
export const NO_NOTICE_CHANNELS: NoticeSettings = {
  email: null,
  wecom: null,
  dingtalk: null,
  linkBaseUrl: null,
};

/** The channels `settings` can send on, in a fixed order. */
export function configuredChannels(settings: NoticeSettings): Array<(typeof NOTICE_CHANNELS)[number]> {
  return NOTICE_CHANNELS.filter((channel) => settings[channel] !== null);
}
