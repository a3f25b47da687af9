import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/decorators.js';
import { idempotencyKeyOf } from './idempotency.interceptor.js';

/** The request's Idempotency-Key (checked by the interceptor), for services that pass it on as an Update id. */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined =>
    idempotencyKeyOf(ctx.switchToHttp().getRequest<AuthenticatedRequest>()),
);
