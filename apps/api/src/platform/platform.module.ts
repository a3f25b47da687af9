import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { AuditKeyring, BlobStorage, PrismaClient } from '@pilot/db';
import type { Client, Connection } from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import { AuditService } from './audit/audit.service.js';
import { AuthGuard } from './auth/auth.guard.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { SessionStore } from './auth/session.store.js';
import { ErrorFilter } from './errors/error-filter.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import {
  API_CONFIG,
  AUDIT_KEYRING,
  PRISMA,
  STORAGE,
  TASK_QUEUE,
  TEMPORAL_CLIENT,
  TEMPORAL_CONNECTION,
} from './tokens.js';

export interface PlatformDependencies {
  config: ApiConfig;
  prisma: PrismaClient;
  storage: BlobStorage;
  temporalConnection: Connection;
  temporalClient: Client;
  /** The task queue pilots are started on. */
  taskQueue: string;
  /** Signs and verifies audit entries; the key lives outside the database. */
  audit: AuditKeyring;
}

/**
 * Hands the I/O built by the composition root (main.ts or a test) to every feature module, and
 * installs what every route gets: authentication and roles, idempotent writes, one error shape.
 */
@Global()
@Module({})
export class PlatformModule {
  static register(deps: PlatformDependencies): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: API_CONFIG, useValue: deps.config },
        { provide: PRISMA, useValue: deps.prisma },
        { provide: TEMPORAL_CONNECTION, useValue: deps.temporalConnection },
        { provide: TEMPORAL_CLIENT, useValue: deps.temporalClient },
        { provide: STORAGE, useValue: deps.storage },
        { provide: TASK_QUEUE, useValue: deps.taskQueue },
        { provide: AUDIT_KEYRING, useValue: deps.audit },
        SessionStore,
        LoginThrottle,
        AuditService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
      exports: [
        API_CONFIG,
        PRISMA,
        TEMPORAL_CONNECTION,
        TEMPORAL_CLIENT,
        STORAGE,
        TASK_QUEUE,
        AUDIT_KEYRING,
        SessionStore,
        LoginThrottle,
        AuditService,
      ],
    };
  }
}
