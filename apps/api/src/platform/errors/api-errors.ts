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

/** 423: the account is locked after repeated failed log-ins. */
export class LockedError extends ApiError {
  readonly status = 423;
  readonly code = 'account_locked';
  constructor(readonly until: Date) {
    super(`locked until ${formatInstant(until)}`);
  }
  override body() {
    return { lockedUntil: formatInstant(this.until) };
  }
}
