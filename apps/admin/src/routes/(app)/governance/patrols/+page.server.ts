import { fail } from '@sveltejs/kit';
import { failureText } from '$lib/server/field-work';
import {
  MONTH,
  createPlan,
  field,
  planOf,
  plansOf,
  thisMonth,
  today,
  visitsOn,
} from '$lib/server/governance';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

/**
 * 常态化巡查: the month's plan (its visits by date) and, first on a phone, 今日巡查. The API scopes
 * both to the caller (a community committee sees its own community's compounds).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'governance');
  const role = locals.user?.role ?? 'inspector';
  const asked = url.searchParams.get('month') ?? '';
  const month = MONTH.test(asked) ? asked : thisMonth();
  const day = today();
  const [plans, todays] = await Promise.all([
    plansOf(locals.api, month),
    visitsOn(locals.api, { date: day }),
  ]);
  const first = plans.ok ? plans.data.items[0] : undefined;
  const plan = first ? await planOf(locals.api, first.id) : null;
  const failed = !plans.ok ? plans.error : plan && !plan.ok ? plan.error : null;
  return {
    role,
    month,
    today: day,
    current: month === thisMonth(),
    plan: plan?.ok ? plan.data : null,
    todays: todays.ok ? todays.data.items : [],
    failure: failed ? failureText(failed, locals.locale) : null,
    denied: failed?.status === 403,
    canPlan: role === 'coordinator' || role === 'admin',
  };
};

export const actions: Actions = {
  plan: async ({ locals, url, request }) => {
    requireSection(locals, url, 'governance');
    const month = field(await request.formData(), 'month');
    if (!MONTH.test(month)) return fail(400, { planFailure: 'month' });
    // The same month answers the plan made before: a second click makes no second plan.
    const result = await createPlan(locals.api, month);
    if (!result.ok)
      return fail(result.error.status, { planFailure: failureText(result.error, locals.locale) });
    return { planned: result.data.id };
  },
};
