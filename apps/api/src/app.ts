import 'reflect-metadata';
// Imported before AppModule, so a controller that reads the limit from here while AppModule's own
// imports are still being evaluated (app.ts → app.module → controller → app.ts) finds it set.
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FIELDS, MAX_UPLOAD_FILES } from './platform/upload-limits.js';
import multipart from '@fastify/multipart';
import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { registerSecurityPlugins } from './platform/http/security-plugins.js';
import { answerClientError, answerFrameworkError, installInputEdge } from './platform/http/input-edge.js';
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
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
}

export { MAX_UPLOAD_BYTES };

/** One structured line per request: id, route, status, duration and who asked. */
function logRequests(app: NestFastifyApplication): void {
  const logger = new Logger('Http');
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const principal = (request as { principal?: { userId: string } }).principal;
    logger.log({
      message: `${request.method} ${request.url} ${reply.statusCode}`,
      requestId: request.id,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      userId: principal?.userId ?? null,
    });
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });
}

/** Builds the Nest application on Fastify without listening, so main.ts, tests and the OpenAPI script share it. */
export async function createApiApp(deps: PlatformDependencies): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(deps),
    new FastifyAdapter({
      genReqId: () => crypto.randomUUID(),
      requestIdHeader: 'x-request-id',
      trustProxy: deps.config.trustProxy,
      frameworkErrors: answerFrameworkError,
      clientErrorHandler: answerClientError,
    }),
    { logger: createLogger(deps.config.logLevel), abortOnError: false },
  );
  await registerSecurityPlugins(app, deps.config);
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_UPLOAD_FILES, fields: MAX_UPLOAD_FIELDS },
  });
  installInputEdge(app);
  logRequests(app);
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}
