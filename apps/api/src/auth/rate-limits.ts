import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Each app's log-in allowance per address and minute, set when its limiter is registered. */
const loginPerMinute = new WeakMap<FastifyInstance, number>();

export function setLoginRate(server: FastifyInstance, perMinute: number): void {
  loginPerMinute.set(server, perMinute);
}

/**
 * Route config for 登录 and 修改密码: one shared, tighter allowance per client address (right or
 * wrong passwords alike) on top of the per-account counting in LoginThrottle.
 */
export const LOGIN_RATE_LIMIT = {
  rateLimit: {
    groupId: 'login',
    max: (request: FastifyRequest): number => loginPerMinute.get(request.server) ?? 30,
    timeWindow: 60_000,
  },
};
