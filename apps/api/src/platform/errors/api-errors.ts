import { formatInstant, type InputIssue, type LocalizedText, type Reason } from '@pilot/domain';

/**
 * Errors a service throws for what the user did; the exception filter turns each into its status
 * and a body the UI can show. Anything else is ours and answers 500 with the request id.
 */
export abstract class ApiError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  body(): Record<string, unknown> {
    return {};
  }
  /** Response headers the answer needs (Retry-After). */
  headers(): Record<string, string> {
    return {};
  }
  /**
   * What the user reads, in both languages, when this error has words of its own; otherwise the
   * stock sentence of its code. `message` stays the developer's text for logs.
   */
  text(): LocalizedText | null {
    return null;
  }
}

/** 400: the input is malformed; one message per field, in the request's language. */
export class InvalidInputError extends ApiError {
  readonly status = 400;
  readonly code = 'invalid_input';
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
  override body() {
    return { issues: this.issues };
  }
}

export class UnauthenticatedError extends ApiError {
  readonly status = 401;
  readonly code = 'unauthenticated';
}

/**
 * 401 at log-in: one answer for an unknown username and for a wrong password, so the answer does
 * not tell which usernames exist.
 */
export class InvalidCredentialsError extends ApiError {
  readonly status = 401;
  readonly code = 'invalid_credentials';
  constructor() {
    super('wrong username or password');
  }
  override text(): LocalizedText {
    return { zh: '用户名或密码错误。', en: 'Wrong username or password.' };
  }
}

export class ForbiddenError extends ApiError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends ApiError {
  readonly status = 404;
  readonly code = 'not_found';
}

/** 409: the process does not allow this now (task closed, pilot paused, not eligible, …), with the rule's reasons. */
export class RefusedError extends ApiError {
  readonly status = 409;
  readonly code = 'refused';
  constructor(
    readonly reasons: Reason[],
    message = reasons.map((r) => r.en).join(' '),
  ) {
    super(message);
  }
  override body() {
    return { reasons: this.reasons };
  }
}

/** 422: the same Idempotency-Key was used with a different request. */
export class IdempotencyConflictError extends ApiError {
  readonly status = 422;
  readonly code = 'idempotency_key_reused';
}

/**
 * 409: the first request with this Idempotency-Key is still running after the repeat waited for
 * it; asking again after `retryAfterSeconds` (sent as Retry-After) gets its answer.
 */
export class IdempotencyInProgressError extends ApiError {
  readonly status = 409;
  readonly code = 'idempotency_in_progress';
  constructor(readonly retryAfterSeconds: number) {
    super('a request with this Idempotency-Key is still running');
  }
  override text(): LocalizedText {
    return {
      zh: '使用同一幂等键的请求仍在处理中，请稍后重试。',
      en: 'A request with this Idempotency-Key is still being processed; try again shortly.',
    };
  }
  override body() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

/**
 * 409: a record with the same unique value exists (a username taken, also by a create that won a
 * race), with a message per field like a 400's.
 */
export class ConflictError extends ApiError {
  readonly status = 409;
  readonly code = 'conflict';
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
  override text(): LocalizedText {
    return {
      zh: '已有相同的记录，请修改标出的字段。',
      en: 'A record with the same value exists; change the fields listed.',
    };
  }
  override body() {
    return { issues: this.issues };
  }
}

/** 413 / 415: an upload too large or of a type we do not keep. */
export class PayloadError extends ApiError {
  constructor(
    readonly status: 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * 429: too many failed log-ins (for this account from this address, for this account, or from this
 * address) or too many requests. The same answer whether the username exists or not.
 */
export class ThrottledError extends ApiError {
  readonly status = 429;
  readonly code = 'too_many_attempts';
  constructor(readonly until: Date) {
    super(`throttled until ${formatInstant(until)}`);
  }
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.until.getTime() - Date.now()) / 1000));
  }
  override body() {
    return { retryAt: formatInstant(this.until), retryAfterSeconds: this.retryAfterSeconds };
  }
  override headers() {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}

/** 403 until a user whose password an admin set chooses their own (only 修改密码 and 退出 are open). */
export class PasswordChangeRequiredError extends ApiError {
  readonly status = 403;
  readonly code = 'password_change_required';
}
