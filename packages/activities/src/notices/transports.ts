// The channels' wire: e-mail over SMTP (nodemailer) and the group robots' webhooks. Each send either
// resolves (the server took the message) or throws a DeliveryError saying whether trying again can
// help; the activity records it and Temporal retries with backoff.
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { robotAnswerSchema, type NoticeChannel, type NoticeSettings } from '@pilot/domain';
import { dingtalkMessage, mailText, messageIdOf, wecomMessage, type OutgoingNotice } from './messages.js';

/** Connecting, greeting and each exchange are bounded well inside the activity's start-to-close timeout. */
const SMTP_CONNECT_MS = 15_000;
const SMTP_SOCKET_MS = 30_000;
const WEBHOOK_TIMEOUT_MS = 15_000;

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** False when the server refused for good (a 5xx SMTP reply, a 4xx HTTP answer): retrying cannot help. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type NoticeSender = (notice: OutgoingNotice) => Promise<void>;
export type NoticeTransports = Partial<Record<NoticeChannel, NoticeSender>>;

export function createNoticeTransports(settings: NoticeSettings): NoticeTransports {
  const transports: NoticeTransports = {};
  if (settings.email) transports.email = smtpSender(settings.email);
  if (settings.wecom) {
    const { url, msgtype } = settings.wecom;
    transports.wecom = (notice) => postRobot(url, wecomMessage(notice, msgtype));
  }
  if (settings.dingtalk) {
    const { url, secret, msgtype } = settings.dingtalk;
    transports.dingtalk = (notice) =>
      postRobot(secret ? signedDingtalkUrl(url, secret, Date.now()) : url, dingtalkMessage(notice, msgtype));
  }
  return transports;
}

function smtpSender(email: NonNullable<NoticeSettings['email']>): NoticeSender {
  // One connection per message: notices come a few at a time, and a pool would hold a connection
  // to a server that may be gone by the next one.
  const transport = nodemailer.createTransport({
    host: email.host,
    port: email.port,
    secure: email.tls === 'implicit',
    requireTLS: email.tls === 'starttls',
    ignoreTLS: email.tls === 'none',
    ...(email.auth ? { auth: email.auth } : {}),
    connectionTimeout: SMTP_CONNECT_MS,
    greetingTimeout: SMTP_CONNECT_MS,
    socketTimeout: SMTP_SOCKET_MS,
  });
  return async (notice) => {
    try {
      await transport.sendMail({
        from: email.from,
        to: { name: notice.recipientName, address: notice.address },
        subject: notice.title,
        text: mailText(notice),
        // Chinese text in base64 lines rather than quoted-printable's escapes: smaller, and the same
        // bytes on every attempt.
        textEncoding: 'base64',
        messageId: messageIdOf(notice.deliveryId, email.from),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Pilot-Notice': notice.notificationId },
      });
    } catch (error) {
      throw smtpError(error);
    }
  };
}

function smtpError(error: unknown): DeliveryError {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  const message = error instanceof Error ? error.message : String(error);
  // 5xx is the server's final word on this message (no such mailbox, relaying denied, bad login);
  // 4xx and connection trouble are worth another attempt.
  const permanent = typeof code === 'number' && code >= 500 && code < 600;
  return new DeliveryError(`SMTP: ${message}`, !permanent);
}

/** 钉钉 加签: HMAC-SHA256 of `timestamp\nsecret` with the secret, base64, as query parameters. */
export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

async function postRobot(url: string, message: unknown): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
    throw new DeliveryError(
      `webhook: ${error instanceof Error ? error.message : String(error)}${typeof cause === 'string' ? ` (${cause})` : ''}`,
      true,
    );
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    // A 4xx other than 429 is the URL or the request being wrong, which another attempt repeats.
    const retryable = response.status >= 500 || response.status === 429;
    throw new DeliveryError(`webhook: HTTP ${response.status} ${text.slice(0, 200)}`.trim(), retryable);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const parsed = robotAnswerSchema.safeParse(answer);
  if (!parsed.success) throw new DeliveryError(`webhook: unexpected answer ${text.slice(0, 200)}`, true);
  // Both robots answer 200 also when they refuse (rate limit, keyword or signature mismatch); the
  // attempts are bounded, and the last error says which it was.
  if (parsed.data.errcode !== 0)
    throw new DeliveryError(
      `webhook: errcode ${parsed.data.errcode} ${parsed.data.errmsg ?? ''}`.trim(),
      true,
    );
}
