import { redirect } from '@sveltejs/kit';
import {
  calendarDraftBody,
  readCalendarForm,
  type CalendarFormValues,
} from '$lib/components/calendars/calendar-form';
import { translate, type Locale } from '$lib/i18n';
import { apiFailure, formFailure, keyFrom, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const VERSION = /^[1-9]\d{0,8}$/;
const FIELDS = [
  'source',
  'firstYear',
  'lastYear',
  'holidays',
  'makeUpWorkdays',
  'localHolidays',
  'localMakeUpWorkdays',
];

function back(version: number | string, done: string): never {
  redirect(303, `/calendars?${new URLSearchParams({ version: String(version), done }).toString()}`);
}

/** The form's pieces that are no date (or no year), as field messages, before asking the API. */
function unreadable(locale: Locale, invalid: Partial<Record<string, string[]>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(invalid).map(([field, items]) => [
      field,
      field === 'firstYear' || field === 'lastYear'
        ? translate(locale, 'calendars.draft.invalidYear')
        : translate(locale, 'calendars.draft.invalidDates', { items: (items ?? []).slice(0, 8).join('、') }),
    ]),
  );
}

/** 工作日历: the releases, and one of them in full (the newest unless the address names another). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'calendars');
  const list = await locals.api.call((c) => c.GET('/calendars'));
  if (!list.ok) {
    return {
      list: null,
      selected: null,
      latest: null,
      failure: { message: list.error.message, requestId: list.error.requestId ?? null },
    };
  }
  const asked = url.searchParams.get('version');
  const versions = list.data.items.map((item) => item.version);
  const chosen = asked && versions.includes(Number(asked)) ? Number(asked) : versions[0];
  const latestNumber = list.data.latestPublished;
  const [selected, latest] = await Promise.all([
    chosen === undefined
      ? null
      : locals.api.call((c) =>
          c.GET('/calendars/{version}', { params: { path: { version: String(chosen) } } }),
        ),
    latestNumber === null || latestNumber === chosen
      ? null
      : locals.api.call((c) =>
          c.GET('/calendars/{version}', { params: { path: { version: String(latestNumber) } } }),
        ),
  ]);
  const selectedData = selected?.ok ? selected.data : null;
  return {
    list: list.data,
    selected: selectedData,
    // The release a new draft starts from: the latest published one.
    latest: latest?.ok ? latest.data : selectedData?.version === latestNumber ? selectedData : null,
    failure:
      selected && !selected.ok
        ? { message: selected.error.message, requestId: selected.error.requestId ?? null }
        : null,
  };
};

async function draftBody(
  locals: App.Locals,
  form: FormData,
  action: string,
): Promise<
  | {
      ok: true;
      values: CalendarFormValues;
      body: Extract<ReturnType<typeof calendarDraftBody>, { ok: true }>['body'];
    }
  | { ok: false; failure: ReturnType<typeof formFailure> }
> {
  const values = readCalendarForm(form);
  const read = calendarDraftBody(values);
  if (!read.ok)
    return { ok: false, failure: formFailure(action, unreadable(locals.locale, read.invalid), { values }) };
  return { ok: true, values, body: read.body };
}

export const actions: Actions = {
  /** 起草: a new release with every year's days. */
  draft: async ({ request, locals }) => {
    const form = await request.formData();
    const read = await draftBody(locals, form, 'draft');
    if (!read.ok) return read.failure;
    const result = await locals.api.call((c) => c.POST('/calendars', { body: read.body }));
    if (!result.ok) return apiFailure('draft', result.error, { values: read.values }, FIELDS);
    back(result.data.version, 'created');
  },

  /** 修改草稿: the draft's whole content. */
  edit: async ({ request, locals }) => {
    const form = await request.formData();
    const version = text(form, 'version');
    const read = await draftBody(locals, form, 'edit');
    if (!read.ok) return read.failure;
    if (!VERSION.test(version))
      return formFailure('edit', {}, { values: read.values }, translate(locals.locale, 'errors.notFound'));
    const result = await locals.api.call((c) =>
      c.PATCH('/calendars/{version}', { params: { path: { version } }, body: read.body }),
    );
    if (!result.ok) return apiFailure('edit', result.error, { values: read.values }, FIELDS);
    back(version, 'saved');
  },

  /** 发布: quoting the fingerprint the admin reviewed; refused if the draft changed since. */
  publish: async ({ request, locals }) => {
    const form = await request.formData();
    const version = text(form, 'version');
    const fingerprint = text(form, 'fingerprint');
    if (!VERSION.test(version))
      return formFailure('publish', {}, {}, translate(locals.locale, 'errors.notFound'));
    const result = await locals.api.call((c) =>
      c.POST('/calendars/{version}/publish', { params: { path: { version } }, body: { fingerprint } }),
    );
    if (!result.ok) return apiFailure('publish', result.error);
    back(version, 'published');
  },

  /** 应用到运行中的试点: every running pilot behind the release; the outcome is shown on the page. */
  adopt: async ({ request, locals }) => {
    const form = await request.formData();
    const version = text(form, 'version');
    if (!VERSION.test(version))
      return formFailure('adopt', {}, {}, translate(locals.locale, 'errors.notFound'));
    const result = await locals.api.call((c) =>
      c.POST('/calendars/{version}/adopt', {
        params: { path: { version } },
        body: {},
        headers: { 'idempotency-key': keyFrom(form) },
      }),
    );
    if (!result.ok) return apiFailure('adopt', result.error);
    return { adopted: result.data };
  },
};
