// What a notice says on each channel. Pure: the transports send what these build, and the tests
// read the same shapes back from the servers they run.
import type { DingtalkRobotMessage, NoticeChannel, RobotMessageType, WecomRobotMessage } from '@pilot/domain';

/** One delivery, as the transports need it. */
export interface OutgoingNotice {
  deliveryId: string;
  notificationId: string;
  channel: NoticeChannel;
  /** The e-mail address, or the mobile number the robot mentions. */
  address: string;
  recipientName: string;
  title: string;
  body: string;
  /** Opens the notice in the inbox (which marks it read and goes on to what it is about). */
  link: string | null;
}

const SIGNATURE = '本消息由物业企业激励评价机制试点平台自动发送，请勿直接回复。';

/**
 * Where the inbox opens a notice: `/inbox/<id>/open` marks it read and goes on to the task,
 * rectification or pilot for the reader's role, so a message never needs to know the role's pages.
 */
export function noticeLink(baseUrl: string | null, notificationId: string): string | null {
  return baseUrl ? `${baseUrl}/inbox/${encodeURIComponent(notificationId)}/open` : null;
}

export function mailText(notice: OutgoingNotice): string {
  return [
    `${notice.recipientName}，您好：`,
    '',
    notice.body,
    ...(notice.link ? ['', `查看详情：${notice.link}`] : []),
    '',
    `—— ${SIGNATURE}登录平台后可在「消息中心」查看全部提醒，在「提醒方式」中更改接收渠道。`,
  ].join('\n');
}

/**
 * 企业微信 limits text to 2,048 and markdown to 4,096 bytes; the workflow's notices are a line or
 * two, so this only guards against a body that was never meant to be that long.
 */
function bounded(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

export function wecomMessage(notice: OutgoingNotice, msgtype: RobotMessageType): WecomRobotMessage {
  const body = bounded(notice.body, 500);
  if (msgtype === 'markdown') {
    // Its markdown cannot mention by mobile number, so the reader is named instead.
    return {
      msgtype: 'markdown',
      markdown: {
        content: [
          `### ${notice.title}`,
          body,
          ...(notice.link ? [`[查看详情](${notice.link})`] : []),
          `<font color="comment">提醒对象：${notice.recipientName}</font>`,
        ].join('\n'),
      },
    };
  }
  return {
    msgtype: 'text',
    text: {
      content: [`【${notice.title}】`, body, ...(notice.link ? [`查看详情：${notice.link}`] : [])].join('\n'),
      mentioned_mobile_list: [notice.address],
    },
  };
}

export function dingtalkMessage(notice: OutgoingNotice, msgtype: RobotMessageType): DingtalkRobotMessage {
  const body = bounded(notice.body, 500);
  const at = { atMobiles: [notice.address], isAtAll: false };
  if (msgtype === 'markdown') {
    return {
      msgtype: 'markdown',
      markdown: {
        title: notice.title,
        text: [
          `### ${notice.title}`,
          body,
          ...(notice.link ? [`[查看详情](${notice.link})`] : []),
          `@${notice.address}`,
        ].join('\n\n'),
      },
      at,
    };
  }
  return {
    msgtype: 'text',
    text: {
      content: [
        `【${notice.title}】${body}`,
        ...(notice.link ? [`查看详情：${notice.link}`] : []),
        `@${notice.address}`,
      ].join('\n'),
    },
    at,
  };
}

/** The Message-ID of a delivery's e-mail: the same on every attempt, so a resend after a crash is recognisable. */
export function messageIdOf(deliveryId: string, from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim() || 'pilot-platform.invalid';
  return `<${deliveryId}@${domain}>`;
}
