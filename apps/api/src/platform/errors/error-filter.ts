import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Locale, LocalizedText } from '@pilot/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOf, message } from '../validation/locale.js';
import { ApiError } from './api-errors.js';
import { apiErrorOfDatabase } from './database-errors.js';

/*
 * Nest's and Fastify's own errors carry English developer text ("Cannot GET /x", "Body is not
 * valid JSON…"); people read these sentences instead, by status. The original text goes to the
 * `detail` field for whoever debugs the client.
 */
const BY_STATUS: Readonly<Record<number, LocalizedText>> = {
  400: {
    zh: '请求内容无法解析，请检查格式（例如 JSON 是否完整）。',
    en: 'The request could not be read; check its format (e.g. that the JSON is complete).',
  },
  404: { zh: '找不到请求的地址。', en: 'No such address.' },
  405: { zh: '该地址不支持此请求方式。', en: 'This address does not accept this method.' },
  408: { zh: '请求超时，请重试。', en: 'The request took too long to arrive; try again.' },
  413: { zh: '请求内容过大。', en: 'The request is too large.' },
  414: { zh: '请求地址过长。', en: 'The address is too long.' },
  415: { zh: '不支持的请求内容类型。', en: 'This content type is not accepted.' },
  431: { zh: '请求头过大。', en: 'The request headers are too large.' },
  503: {
    zh: '流程服务暂时不可用，本次操作未执行，请稍后重试。',
    en: 'The workflow service is briefly unavailable; nothing was done. Try again shortly.',
  },
};
const OTHER_CLIENT_ERROR: LocalizedText = { zh: '请求有误。', en: 'The request is not valid.' };
const INTERNAL: LocalizedText = {
  zh: '服务器内部错误，请稍后重试；如仍出错，请将请求编号告知管理员。',
  en: 'Internal error; try again later, and if it persists, give the request id to an administrator.',
};

const BAD_URL: LocalizedText = {
  zh: '请求地址无效（例如含有错误的 % 编码）。',
  en: 'The address is not valid (e.g. it has a broken %-escape).',
};

const say = (text: LocalizedText, locale: Locale) => (locale === 'en' ? text.en : text.zh);
const byStatus = (status: number, locale: Locale) => say(BY_STATUS[status] ?? OTHER_CLIENT_ERROR, locale);

/**
 * The envelope of an error Fastify or Node.js raises before our code runs (router, parsers, the
 * HTTP parser), worded by status, with the framework's own text as `detail`.
 */
export function frameworkErrorEnvelope(
  status: number,
  frameworkCode: string | undefined,
  detail: string,
  locale: Locale,
  requestId: string,
) {
  const badUrl = frameworkCode === 'FST_ERR_BAD_URL';
  const code = badUrl
    ? 'bad_url'
    : status === 404
      ? 'not_found'
      : status === 414
        ? 'uri_too_long'
        : status === 503
          ? 'unavailable'
          : 'bad_request';
  return {
    error: { code, message: badUrl ? say(BAD_URL, locale) : byStatus(status, locale), detail, requestId },
  };
}

/**
 * One shape for every error body: `{ error: { code, message, requestId, ...details } }`, with
 * `message` in the caller's language. User errors keep their status; anything unexpected is logged
 * with the request id and answers a bare 500.
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
    // A database refusal that only the client's input can cause (a taken unique value, a missing
    // referenced record) is answered like the error the service would have thrown for it.
    const fromDatabase = apiErrorOfDatabase(exception, locale);
    if (fromDatabase) {
      this.catch(fromDatabase, host);
      return;
    }
    if (exception instanceof ApiError) {
      const own = exception.text();
      void reply
        .headers(exception.headers())
        .status(exception.status)
        .send({
          error: {
            code: exception.code,
            message: own ? say(own, locale) : message(exception, locale),
            requestId,
            ...exception.body(),
          },
        });
      return;
    }
    if (exception instanceof HttpException) {
      // Nest's own (route not found, body too large for Fastify, …): keep its status, our shape.
      const status = exception.getStatus();
      void reply.status(status).send({
        error: {
          code:
            status === 400
              ? 'bad_request'
              : status === 404
                ? 'not_found'
                : status === 503
                  ? 'unavailable'
                  : 'http_error',
          message: byStatus(status, locale),
          detail: exception.message,
          requestId,
        },
      });
      return;
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's parser errors (malformed JSON, wrong content type) are the client's.
      const { code, message: detail } = exception as { code?: string; message?: string };
      void reply
        .status(fastifyStatus)
        .send(frameworkErrorEnvelope(fastifyStatus, code, String(detail ?? ''), locale, requestId));
      return;
    }
    this.logger.error({
      message: 'unhandled error',
      requestId,
      error: exception instanceof Error ? exception.stack : String(exception),
    });
    void reply.status(500).send({ error: { code: 'internal', message: say(INTERNAL, locale), requestId } });
  }
}
