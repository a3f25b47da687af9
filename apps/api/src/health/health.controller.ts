import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/auth/decorators.js';
import type { FastifyReply } from 'fastify';
import { HealthService, type HealthReport } from './health.service.js';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Liveness: the process answers. Says nothing about its dependencies. */
  @Get('live')
  @ApiOkResponse({ description: 'The process is up.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Health with dependency checks: 200 only when both the database and Temporal answer. */
  @Get('health')
  @ApiOkResponse({ description: 'Database and Temporal both answer.' })
  @ApiServiceUnavailableResponse({ description: 'The database or Temporal does not answer.' })
  async healthCheck(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    return this.respond(reply);
  }

  /** Readiness for load balancers; same checks as /health. */
  @Get('ready')
  @ApiOkResponse({ description: 'Ready to serve.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    return this.respond(reply);
  }

  private async respond(reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.report();
    reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
