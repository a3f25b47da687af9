import { error, redirect } from '@sveltejs/kit';
import { translate } from '$lib/i18n';
import {
  SECTIONS,
  disclosureHistory,
  previewDisclosure,
  publishDisclosure,
  subdistrictsOf,
  type Section,
} from '$lib/server/cases';
import { apiFailure, formFailure } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const isSection = (value: string): value is Section => (SECTIONS as readonly string[]).includes(value);

/** The sections ticked (`?sections=a,b` for the preview, form checkboxes for publishing); all by default. */
function chosen(values: readonly string[] | null): Section[] {
  if (values === null) return [...SECTIONS];
  return SECTIONS.filter((s) => values.includes(s));
}

function requireAdmin(locals: App.Locals, url: URL): void {
  requireSection(locals, url, 'incentives');
  if (locals.user?.role !== 'admin') error(403, translate(locals.locale, 'errors.forbidden'));
}

/** 信息公开: a preview of the chosen sections as they would be published now, and the history. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireAdmin(locals, url);
  const subdistricts = await subdistrictsOf(locals.api);
  const subdistrict = url.searchParams.get('subdistrict') ?? subdistricts[0] ?? '';
  const param = url.searchParams.get('sections');
  const sections = chosen(param === null ? null : param.split(',').filter(isSection));
  const [preview, history] = await Promise.all([
    subdistrict && sections.length > 0
      ? previewDisclosure(locals.api, subdistrict, sections)
      : Promise.resolve(null),
    disclosureHistory(locals.api),
  ]);
  return {
    subdistricts,
    subdistrict,
    sections,
    preview: preview?.ok ? preview.data : null,
    history: history.ok ? history.data.items : [],
    published: url.searchParams.get('published') === '1',
  };
};

export const actions: Actions = {
  publish: async ({ locals, url, request }) => {
    requireAdmin(locals, url);
    const form = await request.formData();
    const subdistrict = String(form.get('subdistrict') ?? '').trim();
    const sections = chosen(form.getAll('sections').map(String));
    if (sections.length === 0)
      return formFailure('publish', { sections: translate(locals.locale, 'governance.required') });
    const result = await publishDisclosure(locals.api, subdistrict, sections);
    if (!result.ok) return apiFailure('publish', result.error, {}, ['sections', 'subdistrict']);
    const query = new URLSearchParams({ subdistrict, sections: sections.join(','), published: '1' });
    redirect(303, `/incentives/disclosure?${query.toString()}`);
  },
};
