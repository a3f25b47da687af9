import 'reflect-metadata';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import type { PlatformDependencies } from './platform/platform.module.js';

const levels: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Structured JSON log lines, filtered at the configured level. */
export function createLogger(level: PlatformDependencies['config']['logLevel']): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: levels.slice(0, levels.indexOf(level) + 1) });
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('物业企业激励评价机制试点平台 API')
    .setDescription(
      'Property-firm incentive-evaluation pilot: enrollments, inspections, rectifications, ratings.',
    )
    .setVersion('0.1.0')
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
}

/** Builds the Nest application on Fastify without listening, so main.ts, tests and the OpenAPI script share it. */
export async function createApiApp(deps: PlatformDependencies): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(deps),
    new FastifyAdapter({ genReqId: () => crypto.randomUUID(), requestIdHeader: 'x-request-id' }),
    { logger: createLogger(deps.config.logLevel), abortOnError: false },
  );
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}
