import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ApiConfig } from '../../config.js';
import { setLoginRate } from '../../auth/rate-limits.js';
import { ThrottledError } from '../errors/api-errors.js';

/**
 * What every answer gets before any route runs: security headers (helmet), a per-address request
 * allowance (429 with Retry-After, in the API's error shape), and no caching of API answers — they
 * carry tokens and personal records, and a shared computer's browser must not keep them.
 */
export async function registerSecurityPlugins(app: NestFastifyApplication, config: ApiConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(helmet, {
    // The API answers JSON and files; only the docs page (Swagger UI) runs scripts and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  setLoginRate(fastify, config.rateLimit.loginPerMinute);
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.perMinute,
    timeWindow: 60_000,
    // Health and readiness probes come from the orchestrator, often and from one address.
    allowList: (request) => request.url === '/health' || request.url.startsWith('/ready'),
    errorResponseBuilder: (_request, context) => new ThrottledError(new Date(Date.now() + context.ttl)),
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
