import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOf, message } from '../validation/locale.js';
import { ApiError } from './api-errors.js';

/**
 * One shape for every error body: `{ error: { code, message, requestId, ...details } }`. User errors
 * keep their status; anything unexpected is logged with the request id and answers a bare 500.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const locale = localeOf(request);
    const requestId = String(request.id);
    if (exception instanceof ApiError) {
      void reply.status(exception.status).send({
        error: { code: exception.code, message: message(exception, locale), requestId, ...exception.body() },
      });
      return;
    }
    if (exception instanceof HttpException) {
      // Nest's own (route not found, body too large for Fastify, …): keep its status, our shape.
      const status = exception.getStatus();
      void reply.status(status).send({
        error: { code: status === 404 ? 'not_found' : 'http_error', message: exception.message, requestId },
      });
      return;
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's parser errors (malformed JSON, wrong content type) are the client's.
      void reply.status(fastifyStatus).send({
        error: { code: 'bad_request', message: (exception as Error).message, requestId },
      });
      return;
    }
    this.logger.error({
      message: 'unhandled error',
      requestId,
      error: exception instanceof Error ? exception.stack : String(exception),
    });
    void reply.status(500).send({ error: { code: 'internal', message: 'internal error', requestId } });
  }
}
