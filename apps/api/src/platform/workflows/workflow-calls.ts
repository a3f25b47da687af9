import { Logger, ServiceUnavailableException } from '@nestjs/common';
import type { Reason } from '@pilot/domain';
import { refusalOf } from '@pilot/workflows/client';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import { RefusedError } from '../errors/api-errors.js';

/**
 * How the API calls any of its workflows (pilots, matters, meetings): a write is an Update with a
 * deadline, a refusal of the rules becomes 409 with its reasons, a finished workflow 409 with the
 * caller's words for it, and an unreachable Temporal 503 — never a bare 500.
 */
export class WorkflowCalls {
  private readonly logger: Logger;

  constructor(
    readonly client: Client,
    private readonly updateTimeoutMs: number,
    name: string,
  ) {
    this.logger = new Logger(name);
  }

  /**
   * An Update waits for a worker to run it; with every worker down it would wait for ever. Past the
   * deadline the answer is 503 — the Update may still be applied when a worker returns, and a retry
   * with the same Idempotency-Key (the same Update id) then answers its outcome instead of a second.
   */
  withUpdateDeadline<T>(run: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.updateTimeoutMs, run);
  }

  /** Runs `call` (a start, an Update), turning an unreachable Temporal into 503. */
  async reach<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.unavailable(error) ?? error;
    }
  }

  /** Runs one Update and answers its result; `finished` is what a workflow that has ended says. */
  async update<Ret, Req>(
    workflowId: string,
    definition: UpdateDefinition<Ret, [Req]>,
    request: Req,
    updateId: string | undefined,
    finished: Reason,
  ): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    try {
      return await this.withUpdateDeadline(() =>
        handle.executeUpdate(definition, { args: [request], ...(updateId ? { updateId } : {}) }),
      );
    } catch (error) {
      const reasons = refusalOf(error);
      if (reasons) throw new RefusedError(reasons);
      // A finished workflow (a withdrawn pilot, a closed matter or meeting) keeps its records but
      // takes no more requests.
      if (error instanceof WorkflowNotFoundError) throw new RefusedError([finished]);
      throw this.unavailable(error) ?? error;
    }
  }

  private unavailable(error: unknown): ServiceUnavailableException | null {
    if (error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      this.logger.warn({ message: 'temporal unavailable', error: String(error) });
      return new ServiceUnavailableException('the workflow service is not reachable; try again shortly');
    }
    return null;
  }
}
