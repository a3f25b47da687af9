import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import type { Client, Connection } from '@temporalio/client';
import type { ApiConfig } from '../config.js';
import { API_CONFIG, PRISMA, TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './tokens.js';

export interface PlatformDependencies {
  config: ApiConfig;
  prisma: PrismaClient;
  temporalConnection: Connection;
  temporalClient: Client;
}

/** Hands the I/O built by the composition root (main.ts or a test) to every feature module. */
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
      ],
      exports: [API_CONFIG, PRISMA, TEMPORAL_CONNECTION, TEMPORAL_CLIENT],
    };
  }
}
