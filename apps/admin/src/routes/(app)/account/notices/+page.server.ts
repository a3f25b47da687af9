import { NOTICE_CHANNELS, type NoticeChannel } from '@pilot/domain';
import { failureText } from '$lib/server/field-work';
import { translate } from '$lib/i18n';
import { apiFailure, formFailure, keyFrom, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const isChannel = (value: string): value is NoticeChannel =>
  (NOTICE_CHANNELS as readonly string[]).includes(value);

/** 提醒方式: every signed-in user picks their own channels besides the inbox. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireUser(locals, url);
  const result = await locals.api.call((c) => c.GET('/me/notice-settings'));
  return {
    settings: result.ok ? result.data : null,
    failure: result.ok ? null : failureText(result.error, locals.locale),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    requireUser(locals, url);
    const form = await request.formData();
    const picked = form.getAll('channels').map(String);
    // Checkboxes send only these names; anything else was not typed by the user on this page.
    const channels = picked.filter(isChannel);
    const email = text(form, 'email');
    const values = { channels: picked, email };
    if (channels.length !== picked.length) {
      return formFailure(
        'settings',
        { channels: translate(locals.locale, 'notices.settings.unknownChannel') },
        values,
      );
    }
    const result = await locals.api.call((c) =>
      c.PATCH('/me/notice-settings', {
        body: { channels, email },
        headers: { 'idempotency-key': keyFrom(form) },
      }),
    );
    if (!result.ok) return apiFailure('settings', result.error, values, ['channels', 'email']);
    return { saved: true, settings: result.data };
  },
};
