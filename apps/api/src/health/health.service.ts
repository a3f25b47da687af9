import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import type { Connection } from '@temporalio/client';
import { PRISMA, TEMPORAL_CONNECTION } from '../platform/tokens.js';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: { database: CheckResult; temporal: CheckResult };
}

const CHECK_TIMEOUT_MS = 2_000;

async function timed(run: (signal: AbortSignal) => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
  try {
    await Promise.race([
      run(controller.signal),
      new Promise((_, reject) =>
        controller.signal.addEventListener('abort', () =>
          reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        ),
      ),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message.split('\n')[0] : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, temporal] = await Promise.all([
      timed(() => this.prisma.$queryRaw`SELECT 1`),
      timed((signal) =>
        this.temporal.withAbortSignal(signal, () => this.temporal.workflowService.getSystemInfo({})),
      ),
    ]);
    return { status: database.ok && temporal.ok ? 'ok' : 'unavailable', checks: { database, temporal } };
  }
}
