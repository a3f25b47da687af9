import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { PrismaClient } from '@pilot/db';
import { canonicalJson, type Locale } from '@pilot/domain';
import type { FastifyReply } from 'fastify';
import { catchError, concatMap, from, of, switchMap, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/decorators.js';
import {
  IdempotencyConflictError,
  IdempotencyInProgressError,
  InvalidInputError,
} from '../errors/api-errors.js';
import { multipartRulesOf, readMultipartForm } from '../multipart/multipart-form.js';
import { PRISMA } from '../tokens.js';
import { localeOf } from '../validation/locale.js';
import { IdempotencyStore, type IdempotencyClaim } from './idempotency.store.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * How long a repeat waits for the first request's answer. Ordinary writes answer within a second;
 * one waiting out a Temporal outage takes longer, and its repeats are told to come back instead of
 * holding a connection each.
 */
const WAIT_MS = 15_000;
const RETRY_AFTER_SECONDS = 2;
/**
 * A claim this old belongs to a request whose process died (nothing here runs for minutes), and
 * the next request with the key runs in its place. Shorter would risk two live runs of one write.
 */
export const STALE_CLAIM_MS = 5 * 60_000;

/** The Idempotency-Key of the current request, for services that turn it into a workflow update id. */
export function idempotencyKeyOf(request: Pick<AuthenticatedRequest, 'headers'>): string | undefined {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

type Start = { kind: 'run'; claim: IdempotencyClaim } | { kind: 'replay'; status: number; body: unknown };

/**
 * A write carrying an Idempotency-Key runs once per (user, key):
 *
 * - The request claims the key first, by inserting its row under the (userId, key) primary key;
 *   only the one whose insert lands runs the handler. Repeats meanwhile wait (polling the row) for
 *   its answer and replay it, marked `idempotent-replayed: true`, so twenty concurrent requests get
 *   one write and twenty equal answers; after WAIT_MS they get 409 idempotency_in_progress with
 *   Retry-After instead. Waiting rather than refusing at once is what lets a client that retried
 *   too early still get the answer of the write it made.
 * - The same key with a different request (method, address, body — for a multipart form its field
 *   values and every file's name, type and SHA-256) is 422 idempotency_key_reused.
 * - Only a successful (2xx) answer is kept. A failed request gives the key back: every write here
 *   is one transaction or one workflow Update, so an error answer means nothing was done, and
 *   nothing stops the client from trying again under the same key — the identical request is
 *   judged again (and refused the same way while the facts are unchanged, but accepted once, say,
 *   the task has opened), and a corrected one may run. Replaying a stored refusal would instead
 *   make every correction need a new key, and keep saying "not yet" after it became "yes".
 *
 * Writes that reach a workflow also use the key as the Update id, so even a run after a takeover of
 * a crashed claim changes nothing twice there.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly store: IdempotencyStore;

  constructor(
    @Inject(PRISMA) prisma: PrismaClient,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.store = new IdempotencyStore(prisma);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = idempotencyKeyOf(request);
    if (!key || !MUTATING.has(request.method) || !request.principal) return next.handle();
    const locale = localeOf(request);
    if (!KEY.test(key)) {
      throw new InvalidInputError([
        {
          path: 'Idempotency-Key',
          message:
            locale === 'en'
              ? 'Idempotency-Key must be 8–100 characters of A–Z a–z 0–9 . _ : -'
              : '幂等键（Idempotency-Key）须为 8–100 位字母、数字或 . _ : -',
        },
      ]);
    }
    const userId = request.principal.userId;
    return from(this.start(context, request, reply, userId, key, locale)).pipe(
      switchMap((start) => {
        if (start.kind === 'replay') {
          void reply.status(start.status).header('idempotent-replayed', 'true');
          return of(start.body);
        }
        return this.run(start.claim, next, reply);
      }),
    );
  }

  /** Claims the key, or waits for the answer of the request that holds it. */
  private async start(
    context: ExecutionContext,
    request: AuthenticatedRequest,
    reply: FastifyReply,
    userId: string,
    key: string,
    locale: Locale,
  ): Promise<Start> {
    const claim: IdempotencyClaim = {
      userId,
      key,
      method: request.method,
      path: request.url,
      requestHash: await this.fingerprint(context, request, locale),
      // Not the request id, which a client may choose (x-request-id) and so share between requests.
      owner: randomUUID(),
    };
    const deadline = Date.now() + WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      if (await this.store.claim(claim)) return { kind: 'run', claim };
      const prior = await this.store.find(userId, key);
      if (prior) {
        if (prior.requestHash !== claim.requestHash) throw new IdempotencyConflictError('key reused');
        if (prior.completedAt && prior.responseStatus !== null) {
          return { kind: 'replay', status: prior.responseStatus, body: prior.responseBody ?? undefined };
        }
        const staleBefore = new Date(Date.now() - STALE_CLAIM_MS);
        if (prior.claimedAt < staleBefore && (await this.store.takeOver(prior, claim.owner, staleBefore))) {
          this.logger.warn({ message: 'took over a stale claim', userId, key, from: prior.claimId });
          return { kind: 'run', claim };
        }
      }
      // No row means the holder failed and gave the key back just now: the next turn claims it.
      if (Date.now() >= deadline) {
        void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        throw new IdempotencyInProgressError(RETRY_AFTER_SECONDS);
      }
      await sleep(Math.min(20 * 2 ** attempt, 250));
    }
  }

  private run(claim: IdempotencyClaim, next: CallHandler, reply: FastifyReply): Observable<unknown> {
    return next.handle().pipe(
      concatMap((body: unknown) => from(this.finish(claim, reply.statusCode, body))),
      catchError((error: unknown) =>
        from(this.giveBack(claim)).pipe(switchMap(() => throwError(() => error))),
      ),
    );
  }

  private async finish(claim: IdempotencyClaim, status: number, body: unknown): Promise<unknown> {
    try {
      if (!(await this.store.complete(claim, status, body))) {
        this.logger.warn({ message: 'claim lost before the answer was kept', key: claim.key });
      }
    } catch (error) {
      // The write is done and its answer is on its way; a repeat will find the claim stale later.
      this.logger.error({ message: 'could not keep the answer', key: claim.key, error: String(error) });
    }
    return body;
  }

  private async giveBack(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.store.release(claim);
    } catch (error) {
      this.logger.error({ message: 'could not release the key', key: claim.key, error: String(error) });
    }
  }

  /** The request's fingerprint; a multipart form is read here as the handler will read it. */
  private async fingerprint(
    context: ExecutionContext,
    request: AuthenticatedRequest,
    locale: Locale,
  ): Promise<string> {
    const rules = request.isMultipart() ? multipartRulesOf(this.reflector, context.getHandler()) : undefined;
    if (!rules) return fingerprintOf(request.method, request.url, request.body ?? null);
    const form = await readMultipartForm(request, rules, locale);
    return fingerprintOf(request.method, request.url, {
      fields: form.fields,
      files: form.files.map((file) => ({
        field: file.fieldName,
        name: file.fileName,
        type: file.mimetype,
        size: file.bytes.byteLength,
        sha256: file.sha256,
      })),
    });
  }
}

/**
 * What makes two requests "the same": method, address and content. A JSON body is hashed with its
 * keys sorted (its depth is bounded at the edge); a multipart form by its field values and each
 * file's field, name, type, size and SHA-256.
 */
export function fingerprintOf(method: string, url: string, content: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n`).update(canonicalJson(content)).digest('hex');
}
