import type { ResponseOf } from '@pilot/api-client';

/* 消息中心 and the delivery log, as the generated client types them. */

export type NoticePage = ResponseOf<'get', '/notices'>;
export type Notice = NoticePage['items'][number];
export type NoticeKind = Notice['kind'];
export type NoticeSettings = ResponseOf<'get', '/me/notice-settings'>;
export type NoticeChannel = NoticeSettings['channels'][number];
export type NoticeDeliveryPage = ResponseOf<'get', '/notice-deliveries'>;
export type NoticeDelivery = NoticeDeliveryPage['items'][number];
export type NoticeDeliveryStatus = NoticeDelivery['status'];
