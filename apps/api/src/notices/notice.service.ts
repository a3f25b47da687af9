import { Inject, Injectable } from '@nestjs/common';
import {
  NOTICE_ENTITY_TYPES,
  configuredChannels,
  encodeCursor,
  formatInstant,
  formatInstantOrNull,
  noticeCursorKeySchema,
  type ListNoticeDeliveriesQuery,
  type ListNoticesQuery,
  type Locale,
  type NoticeEntityType,
  type NoticeSettings,
  type NoticeSettingsInput,
  type ReadAllNoticesInput,
} from '@pilot/domain';
import type { ApiConfig } from '../config.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import { API_CONFIG } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import type {
  NoticeDeliveryPage,
  NoticePage,
  NoticeSettingsView,
  NoticeView,
  ReadAllResult,
  UnreadCount,
} from './notice.dto.js';
import { NoticeRepository, type NoticeRow, type Reader } from './notice.repository.js';

const cursorAfter = (at: Date, id: string) =>
  encodeCursor(noticeCursorKeySchema, { at: formatInstant(at), id });

const isEntityType = (value: string | null): value is NoticeEntityType =>
  value !== null && (NOTICE_ENTITY_TYPES as readonly string[]).includes(value);

function toView(row: NoticeRow): NoticeView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    addressedTo: row.userId === null ? 'role' : 'user',
    subject: isEntityType(row.entityType) && row.entityId ? { type: row.entityType, id: row.entityId } : null,
    pilot: row.enrollmentId ? { id: row.enrollmentId, compoundName: row.compoundName } : null,
    createdAt: formatInstant(row.createdAt),
    readAt: formatInstantOrNull(row.readAt),
  };
}

/**
 * 消息中心: every role's own notices — the ones addressed to the user, and the ones addressed to
 * the user's role within its scope — with their read state; each user's channel choice; and, for
 * admins, what was sent where. Reading a notice changes only the reader's own read state, which is
 * personal and not audited; a channel choice changes the account and is.
 */
@Injectable()
export class NoticeService {
  constructor(
    @Inject(NoticeRepository) private readonly notices: NoticeRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.settings = config.notices;
  }

  private readonly settings: NoticeSettings;

  async list(reader: Reader, query: ListNoticesQuery): Promise<NoticePage> {
    const [rows, unread] = await Promise.all([
      this.notices.list(reader, { unread: query.unread, cursor: query.cursor, take: query.pageSize + 1 }),
      this.notices.unreadCount(reader),
    ]);
    const page = rows.slice(0, query.pageSize);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor: rows.length > query.pageSize && last ? cursorAfter(last.createdAt, last.id) : null,
      unread,
    };
  }

  /** One of my notices (to open it: the inbox reads it, then goes to what it is about). */
  async get(reader: Reader, id: string): Promise<NoticeView> {
    const [row] = await this.notices.list(reader, { id, take: 1 });
    if (!row) throw new NotFoundError(`notice ${id}`);
    return toView(row);
  }

  async unreadCount(reader: Reader): Promise<UnreadCount> {
    return { unread: await this.notices.unreadCount(reader) };
  }

  /** Reading it twice is reading it once: the first read time stays. */
  async markRead(reader: Reader, id: string): Promise<UnreadCount> {
    const notice = await this.notices.findVisible(reader, id);
    // Someone else's notice is as unknown as one that does not exist.
    if (!notice) throw new NotFoundError(`notice ${id}`);
    if (!notice.read) await this.notices.markRead(reader, notice, new Date());
    return this.unreadCount(reader);
  }

  async markAllRead(reader: Reader, input: ReadAllNoticesInput): Promise<ReadAllResult> {
    const marked = await this.notices.markAllRead(
      reader,
      new Date(),
      input.upTo ? new Date(input.upTo) : undefined,
    );
    return { marked, unread: await this.notices.unreadCount(reader) };
  }

  async settingsOf(principal: Principal): Promise<NoticeSettingsView> {
    const row = await this.notices.settingsOf(principal.userId);
    if (!row) throw new NotFoundError(`user ${principal.userId}`);
    return this.settingsView(row);
  }

  async updateSettings(
    principal: Principal,
    input: NoticeSettingsInput,
    locale: Locale,
  ): Promise<NoticeSettingsView> {
    const before = await this.notices.settingsOf(principal.userId);
    if (!before) throw new NotFoundError(`user ${principal.userId}`);
    const email = input.email === undefined ? before.email : input.email;
    if (input.channels.includes('email') && !email) {
      throw fieldError('email', locale, {
        zh: '选择了邮件提醒，请填写接收提醒的电子邮箱。',
        en: 'is needed for reminders by e-mail.',
      });
    }
    if ((input.channels.includes('wecom') || input.channels.includes('dingtalk')) && !before.phone) {
      throw fieldError('channels', locale, {
        zh: '群机器人按手机号提醒您，但您的账号未登记手机号，请联系管理员登记后再选择企业微信或钉钉。',
        en: 'the group robots mention you by mobile number, and your account has none; ask an administrator to add it first.',
      });
    }
    const after = await this.audit.within(
      principal,
      (tx) =>
        this.notices.updateSettings(tx, principal.userId, {
          noticeChannels: input.channels,
          ...(input.email !== undefined ? { email: input.email } : {}),
        }),
      (row) => ({
        action: 'user.notice_settings',
        entityType: 'user',
        entityId: principal.userId,
        before: { noticeChannels: before.noticeChannels, email: before.email },
        after: { noticeChannels: row.noticeChannels, email: row.email },
      }),
    );
    return this.settingsView(after);
  }

  async deliveries(query: ListNoticeDeliveriesQuery): Promise<NoticeDeliveryPage> {
    const [rows, counts] = await Promise.all([
      this.notices.deliveries({
        status: query.status,
        channel: query.channel,
        cursor: query.cursor,
        take: query.pageSize + 1,
      }),
      this.notices.deliveryCounts({ channel: query.channel }),
    ]);
    const page = rows.slice(0, query.pageSize);
    const users = new Map(
      (await this.notices.usersById([...new Set(page.map((row) => row.userId))])).map((u) => [u.id, u]),
    );
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        channel: row.channel,
        address: row.address,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        lastAttemptAt: formatInstantOrNull(row.lastAttemptAt),
        sentAt: formatInstantOrNull(row.sentAt),
        createdAt: formatInstant(row.createdAt),
        recipient: {
          id: row.userId,
          displayName: users.get(row.userId)?.displayName ?? null,
          role: users.get(row.userId)?.role ?? null,
        },
        notice: row.notification,
      })),
      nextCursor: rows.length > query.pageSize && last ? cursorAfter(last.createdAt, last.id) : null,
      counts,
      available: configuredChannels(this.settings),
    };
  }

  private settingsView(row: {
    noticeChannels: NoticeSettingsView['channels'];
    email: string | null;
    phone: string | null;
  }): NoticeSettingsView {
    return {
      channels: row.noticeChannels,
      email: row.email,
      phone: row.phone,
      available: configuredChannels(this.settings),
    };
  }
}
