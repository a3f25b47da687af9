import { createHash } from 'node:crypto';
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import type { FastifyReply } from 'fastify';
import { from, of, switchMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/decorators.js';
import { IdempotencyConflictError, InvalidInputError } from '../errors/api-errors.js';
import { PRISMA } from '../tokens.js';
import { localeOf } from '../validation/locale.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/** The Idempotency-Key of the current request, for services that turn it into a workflow update id. */
export function idempotencyKeyOf(request: Pick<AuthenticatedRequest, 'headers'>): string | undefined {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function requestHash(request: AuthenticatedRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

/**
 * A write carrying an Idempotency-Key runs once per (user, key): a repeat returns the first answer
 * without running again; the same key with a different request is refused with 422. Writes that
 * reach a workflow also use the key as the Update id, so even concurrent repeats change nothing twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = idempotencyKeyOf(request);
    if (!key || !MUTATING.has(request.method) || !request.principal) return next.handle();
    if (!KEY.test(key)) {
      throw new InvalidInputError([
        {
          path: 'Idempotency-Key',
          message:
            localeOf(request) === 'en'
              ? 'Idempotency-Key must be 8–100 characters of A–Z a–z 0–9 . _ : -'
              : '幂等键（Idempotency-Key）须为 8–100 位字母、数字或 . _ : -',
        },
      ]);
    }
    const userId = request.principal.userId;
    const hash = requestHash(request);
    return from(this.prisma.idempotencyRecord.findUnique({ where: { userId_key: { userId, key } } })).pipe(
      switchMap((prior) => {
        if (prior) {
          if (prior.requestHash !== hash) throw new IdempotencyConflictError('key reused');
          void reply.status(prior.responseStatus).header('idempotent-replayed', 'true');
          return of(prior.responseBody);
        }
        return next.handle().pipe(
          switchMap((body: unknown) =>
            from(
              this.prisma.idempotencyRecord
                .create({
                  data: {
                    userId,
                    key,
                    method: request.method,
                    path: request.url,
                    requestHash: hash,
                    responseStatus: reply.statusCode,
                    responseBody: (body ?? null) as Prisma.InputJsonValue,
                  },
                })
                // A concurrent twin stored its (identical) answer first: nothing to add.
                .catch(() => undefined)
                .then(() => body),
            ),
          ),
        );
      }),
    );
  }
}
