// How every Update of a workflow (the pilot, a matter, a meeting) is registered: the request is
// checked against its contract schema and the rules (a refusal changes nothing and says why), and
// the handler runs once per update id, even across continue-as-new.
import { ApplicationFailure, currentUpdateInfo, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { reason, type Reason } from '@pilot/domain';
import type * as z from 'zod';

/** What a workflow gives the registry: its remembered updates, and whether it is ready for requests. */
export interface UpdateHost {
  readonly state: { appliedUpdates: Array<{ id: string; result: unknown }> };
  /** True once the workflow's records exist. */
  recorded: boolean;
  /** Set by every applied Update, so the main loop plans its next wake-up again. */
  dirty: boolean;
  /** The pilot's catalogue, for requests that need it; other workflows have none. */
  readonly catalogue?: unknown;
  /** Why a request before `recorded` is refused; the pilot's words by default. */
  readonly starting?: Reason;
}

/** How many applied update ids are remembered across continue-as-new. */
const REMEMBERED_UPDATES = 500;

const starting = reason(
  'pilot_starting',
  '试点正在启动，请稍后再试。',
  'The pilot is starting; try again shortly.',
);

/** A refusal the API shows to the user: nothing was changed, and the reasons say why. */
export function refuse(reasons: Reason[]): void {
  if (reasons.length === 0) return;
  throw ApplicationFailure.create({
    type: 'PilotRefusal',
    message: reasons.map((r) => r.en).join(' '),
    details: [reasons],
    nonRetryable: true,
  });
}

function malformed(error: z.ZodError): Reason {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || '(request)'))].slice(0, 5);
  return reason(
    'malformed_request',
    `请求格式不正确：${fields.join('、')}。`,
    `The request is malformed: ${fields.join(', ')}.`,
  );
}

/**
 * Temporal already answers a repeated update id from the same run; this carries that guarantee
 * across continue-as-new: a retried request returns the first answer and changes nothing.
 */
function once<Req, Res>(ctx: UpdateHost, handler: (request: Req) => Promise<Res>) {
  return async (request: Req): Promise<Res> => {
    const id = currentUpdateInfo()?.id;
    const prior = id === undefined ? undefined : ctx.state.appliedUpdates.find((u) => u.id === id);
    // The stored answer is the one this handler returned for the same update id.
    if (prior) return prior.result as Res;
    const result = await handler(request);
    if (id !== undefined) {
      ctx.state.appliedUpdates.push({ id, result });
      if (ctx.state.appliedUpdates.length > REMEMBERED_UPDATES) ctx.state.appliedUpdates.shift();
    }
    ctx.dirty = true;
    return result;
  };
}

function alreadyApplied(ctx: UpdateHost): boolean {
  const id = currentUpdateInfo()?.id;
  return id !== undefined && ctx.state.appliedUpdates.some((u) => u.id === id);
}

export interface UpdateRule<Ret, Req> {
  definition: UpdateDefinition<Ret, [Req]>;
  /** The request's contract: a client that sends something else is refused before any rule runs. */
  schema: z.ZodType<Req>;
  /** The rules: the reasons the request is refused, empty when it may go ahead. */
  validate: (request: Req) => Reason[];
  handler: (request: Req) => Promise<Ret>;
  /** Whether the request needs this run's catalogue (refused as "starting" until it is loaded). */
  needsCatalogue?: boolean;
}

export function onUpdate<Ret, Req>(ctx: UpdateHost, rule: UpdateRule<Ret, Req>): void {
  setHandler(rule.definition, once(ctx, rule.handler), {
    validator: (request: Req) => {
      if (!ctx.recorded) refuse([ctx.starting ?? starting]);
      if (alreadyApplied(ctx)) return;
      const parsed = rule.schema.safeParse(request);
      if (!parsed.success) refuse([malformed(parsed.error)]);
      if (rule.needsCatalogue && ctx.catalogue === null) refuse([starting]);
      refuse(rule.validate(request));
    },
  });
}
