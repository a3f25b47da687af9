import {
  NOTICE_CHANNELS,
  NOTICE_DELIVERY_STATUSES,
  type NoticeChannel,
  type NoticeDeliveryStatus,
} from '@pilot/domain';
import { failureText, requireRole } from '$lib/server/field-work';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 30;

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  value !== null && (values as readonly string[]).includes(value);

/** A filter from the address, or none when it names no such value (a hand-edited link). */
function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return isOneOf(values, value) ? value : undefined;
}

/** 发送记录 (admins): recent deliveries, newest first, by state and channel. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin']);
  const status = oneOf<NoticeDeliveryStatus>(NOTICE_DELIVERY_STATUSES, url.searchParams.get('status'));
  const channel = oneOf<NoticeChannel>(NOTICE_CHANNELS, url.searchParams.get('channel'));
  const cursor = url.searchParams.get('cursor') || undefined;
  const result = await locals.api.call((c) =>
    c.GET('/notice-deliveries', {
      params: {
        query: {
          pageSize: PAGE_SIZE,
          ...(status ? { status } : {}),
          ...(channel ? { channel } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );
  return {
    filters: { status: status ?? null, channel: channel ?? null, cursor: cursor ?? null },
    deliveries: result.ok ? result.data : null,
    failure: result.ok ? null : failureText(result.error, locals.locale),
  };
};
