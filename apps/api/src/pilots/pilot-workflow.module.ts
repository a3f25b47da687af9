import { Module } from '@nestjs/common';
import { PilotWorkflowGateway } from './pilot-workflow.gateway.js';

/**
 * The API's one door to the pilot workflows, as a module of its own: the pilot routes and the
 * calendar routes (which apply a release to running pilots) share the one gateway.
 */
@Module({ providers: [PilotWorkflowGateway], exports: [PilotWorkflowGateway] })
export class PilotWorkflowModule {}
