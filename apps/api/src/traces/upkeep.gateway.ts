import { Inject, Injectable, Logger } from '@nestjs/common';
import { signalUpkeep } from '@pilot/workflows/client';
import { Client } from '@temporalio/client';
import { TASK_QUEUE, TEMPORAL_CLIENT } from '../platform/tokens.js';

/**
 * Tells a compound's upkeep workflow (`compound-upkeep:<id>`) that its register or logbook changed,
 * starting it on the first item. The record is committed before this runs; if Temporal cannot be
 * reached the change is logged and the workflow catches up at its next wake or the next change, since
 * it plans from the records each time rather than from what it was told.
 */
@Injectable()
export class UpkeepGateway {
  private readonly logger = new Logger(UpkeepGateway.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TASK_QUEUE) private readonly taskQueue: string,
  ) {}

  async registerChanged(compoundId: string, firmId: string): Promise<void> {
    try {
      await signalUpkeep(this.client, this.taskQueue, { compoundId, firmId });
    } catch (error) {
      this.logger.warn(
        `upkeep of ${compoundId} not signalled: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
