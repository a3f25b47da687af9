import { USER_ROLES, type UserRole } from '$lib/api/types';
import type { UserRow } from '$lib/api/admin-types';
import { translate } from '$lib/i18n';
import type { ClientOutcome } from '$lib/server/api';
import { listUsers } from '$lib/server/directory';
import { allCommunities, allFirms } from '$lib/server/register';
import { apiFailure, formFailure, text } from '$lib/server/forms';
import { requireSection } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

const isRole = (value: string): value is UserRole => (USER_ROLES as readonly string[]).includes(value);

/** The user routes' answers are not described in the OpenAPI document; these are their shapes. */
const untyped = <T>(outcome: Promise<ClientOutcome<unknown>>) => outcome as Promise<ClientOutcome<T>>;

/** 用户: accounts by role or name, and the firms a firm account can belong to. */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireSection(locals, url, 'users');
  const roleParam = url.searchParams.get('role') ?? '';
  const role = isRole(roleParam) ? roleParam : undefined;
  const q = url.searchParams.get('q')?.trim().slice(0, 100) || undefined;
  const pageNumber = Number(url.searchParams.get('page'));
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;
  // The register's own lists: a firm imported a minute ago has no compound yet but needs its accounts.
  const [users, firms, communities] = await Promise.all([
    listUsers(locals.api, { ...(role ? { role } : {}), ...(q ? { q } : {}), page, pageSize: PAGE_SIZE }),
    allFirms(locals.api),
    allCommunities(locals.api, true),
  ]);
  const ref = ({ id, name }: { id: string; name: string }) => ({ id, name });
  return {
    role: role ?? null,
    q: q ?? null,
    users: users.ok ? users.data : null,
    failure: users.ok ? null : { message: users.error.message, requestId: users.error.requestId ?? null },
    firms: firms.ok ? firms.data.map(ref) : [],
    // A new account is bound to an active firm or community (the API refuses others).
    firmOptions: firms.ok ? firms.data.filter((firm) => firm.active).map(ref) : [],
    communities: communities.ok ? communities.data.map(ref) : [],
  };
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = await request.formData();
    const values = {
      username: text(form, 'username'),
      displayName: text(form, 'displayName'),
      role: text(form, 'role'),
      phone: text(form, 'phone'),
      firmId: text(form, 'firmId'),
      communityId: text(form, 'communityId'),
      email: text(form, 'email'),
    };
    const password = String(form.get('password') ?? '');
    if (!isRole(values.role)) {
      return formFailure('create', { role: translate(locals.locale, 'pilots.actions.required') }, values);
    }
    const result = await locals.api.call((c) =>
      untyped<UserRow>(
        c.POST('/users', {
          body: {
            username: values.username,
            displayName: values.displayName,
            role: values.role as UserRole,
            password,
            ...(values.phone ? { phone: values.phone } : {}),
            ...(values.role === 'firm' && values.firmId ? { firmId: values.firmId } : {}),
            ...(values.communityId ? { communityId: values.communityId } : {}),
            ...(values.email ? { email: values.email } : {}),
          },
        }),
      ),
    );
    // The password is never sent back to the page.
    if (!result.ok)
      return apiFailure('create', result.error, values, [
        'username',
        'displayName',
        'role',
        'password',
        'phone',
        'firmId',
        'communityId',
        'email',
      ]);
    return { done: { kind: 'created' as const, name: result.data.displayName } };
  },

  setActive: async ({ request, locals }) => {
    const form = await request.formData();
    const userId = text(form, 'userId');
    const active = text(form, 'active') === 'true';
    const result = await locals.api.call((c) =>
      untyped<UserRow>(c.PATCH('/users/{id}', { params: { path: { id: userId } }, body: { active } })),
    );
    if (!result.ok) return apiFailure(`active-${userId}`, result.error, { userId });
    return {
      done: {
        kind: active ? ('activated' as const) : ('deactivated' as const),
        name: result.data.displayName,
      },
    };
  },

  resetPassword: async ({ request, locals }) => {
    const form = await request.formData();
    const userId = text(form, 'userId');
    const name = text(form, 'name');
    const newPassword = String(form.get('newPassword') ?? '');
    const result = await locals.api.call((c) =>
      c.POST('/users/{id}/password', { params: { path: { id: userId } }, body: { newPassword } }),
    );
    if (!result.ok) return apiFailure(`reset-${userId}`, result.error, { userId }, ['newPassword']);
    return { done: { kind: 'reset' as const, name } };
  },
};
