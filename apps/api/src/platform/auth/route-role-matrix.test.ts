// Walks every route the application serves against every role: a role the route does not declare
// gets 403, an anonymous caller 401 (unless the route is public), and a declared role gets past the
// guard (with junk input and unknown ids, so the answer is 400/404/409, never 500). The routes are
// read from Nest's own metadata and checked against the OpenAPI document, so a new route is covered
// the moment it exists.
import { readFileSync } from 'node:fs';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { USER_ROLES, type UserRole } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../../test-support/api-harness.js';
import { BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators.js';

interface Route {
  method: string;
  path: string;
  roles: UserRole[];
  isPublic: boolean;
  /** Open to a user who must still replace an admin-set password. */
  beforePasswordChange: boolean;
}

const users: Record<UserRole, string> = {
  admin: 'admin.jinshui',
  coordinator: 'coord.wang',
  inspector: 'insp.zhang',
  firm: 'firm.xiangshun',
  resident: 'resident.han',
  party: 'party.zhzf',
};

/** Routes that end the caller's session are called with a session of their own. */
const sessionEnding = new Set(['POST /auth/logout', 'POST /auth/refresh']);

function join(...parts: string[]): string {
  return `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '') || '/';
}

function routesOf(api: ApiHarness): Route[] {
  const reflector = api.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } & object;
      const prefix = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? 'UNKNOWN';
        const targets = [handler, controller] as Array<(...args: unknown[]) => unknown>;
        routes.push({
          method,
          path: join(prefix, path),
          roles: reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets) ?? [],
          isPublic: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) ?? false,
          beforePasswordChange:
            reflector.getAllAndOverride<boolean | undefined>(BEFORE_PASSWORD_CHANGE_KEY, targets) ?? false,
        });
      }
    }
  }
  return routes;
}

/** Unknown ids for every path parameter: the guard must decide before any lookup. */
function concrete(path: string): string {
  return path.replace(/:(\w+)/g, 'matrix-unknown-$1');
}

describe('route × role matrix', () => {
  let api: ApiHarness;
  let clients: Record<UserRole, ApiClient>;
  let routes: Route[];

  beforeAll(async () => {
    api = await startApi({ temporalAddress: '127.0.0.1:1' });
    clients = Object.fromEntries(
      await Promise.all(USER_ROLES.map(async (role) => [role, await api.as(users[role])] as const)),
    ) as Record<UserRole, ApiClient>;
    routes = routesOf(api);
  });
  afterAll(async () => api?.close());

  it('covers every operation in the OpenAPI document, and every route declares roles or is public', () => {
    const documented = JSON.parse(
      readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8'),
    ) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const fromDoc = Object.entries(documented.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(fromDoc);
    for (const route of routes) {
      expect(
        route.isPublic || route.roles.length > 0,
        `${route.method} ${route.path} declares no roles`,
      ).toBe(true);
    }
  });

  it('lets exactly the declared roles past the guard, and answers no junk request with 500', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const path = concrete(route.path);
      const key = `${route.method} ${route.path}`;
      const anonymous = await api.anonymous.request(
        route.method,
        path,
        route.method === 'GET' ? undefined : {},
      );
      if (route.isPublic ? anonymous.status === 401 || anonymous.status === 403 : anonymous.status !== 401) {
        failures.push(`${key} anonymous → ${anonymous.status}`);
      }
      if (route.isPublic) continue;
      for (const role of USER_ROLES) {
        const client = sessionEnding.has(key) ? await api.as(users[role]) : clients[role];
        const response = await client.request(route.method, path, route.method === 'GET' ? undefined : {});
        const allowed = route.roles.includes(role);
        if (!allowed && response.status !== 403)
          failures.push(`${key} as ${role} → ${response.status}, expected 403`);
        if (allowed && (response.status === 401 || response.status === 403))
          failures.push(`${key} as ${role} → ${response.status}`);
        if (response.status >= 500 && response.status !== 503)
          failures.push(`${key} as ${role} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('holds a user who must change an admin-set password to 修改密码, 我的信息 and 退出 on every route', async () => {
    await api.runtime.deps.prisma.user.update({
      where: { username: 'insp.li' },
      data: { mustChangePassword: true },
    });
    const held = await api.as('insp.li');
    const open = routes.filter((r) => r.beforePasswordChange).map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual([
      'GET /auth/me',
      'POST /auth/logout',
      'POST /auth/password',
      'POST /auth/refresh',
    ]);
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic && !r.beforePasswordChange)) {
      if (!route.roles.includes('inspector')) continue;
      const response = await held.request<{ error?: { code?: string } }>(
        route.method,
        concrete(route.path),
        route.method === 'GET' ? undefined : {},
      );
      if (response.status !== 403 || response.body.error?.code !== 'password_change_required')
        failures.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(failures).toEqual([]);
  });
});
