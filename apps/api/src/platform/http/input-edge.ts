// What every request passes before any of our code sees it: a JSON body no deeper than any form
// of ours, text PostgreSQL can keep in the path, the query and the body, and a malformed URL or
// HTTP message answered in the API's error envelope. Checked once here rather than route by route,
// so a new route is covered without doing anything.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../errors/api-errors.js';
import { frameworkErrorEnvelope } from '../errors/error-filter.js';
import { localeOf } from '../validation/locale.js';
import {
  MAX_JSON_DEPTH,
  findInvalidText,
  invalidTextIssue,
  jsonDepthExceeds,
  tooDeepIssue,
  type InputPlace,
} from '../validation/text-input.js';

/**
 * Fastify's router answers a malformed URL (`/pilots/%ZZ/pause`: 400) or an over-long path
 * parameter (414) before any hook or error handler runs; this gives those answers our shape.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
  void reply
    .status(status)
    .send(frameworkErrorEnvelope(status, error.code, error.message, localeOf(request), String(request.id)));
}

const CLIENT_ERROR: Record<string, { status: number; reason: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout' },
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large' },
};

/**
 * An HTTP message Node.js cannot parse (a control character in a header, a broken request line)
 * never becomes a request, so nothing knows its language: the envelope is in zh-CN, the default.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, reason } = CLIENT_ERROR[error.code ?? ''] ?? { status: 400, reason: 'Bad Request' };
  const body = JSON.stringify(
    frameworkErrorEnvelope(status, error.code, error.message, 'zh-CN', randomUUID()),
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

function invalidTextOf(request: FastifyRequest): InvalidInputError | null {
  const places: Array<[InputPlace, unknown]> = [
    ['path', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [place, value] of places) {
    const found = findInvalidText(value);
    if (found) return new InvalidInputError([invalidTextIssue(place, found, localeOf(request))]);
  }
  return null;
}

/** Installs the JSON parser with its depth limit and the text check; call before the app is initialised. */
export function installInputEdge(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  // Counted over the bytes before parsing: nothing recursive (the idempotency fingerprint, zod,
  // Prisma's JSON columns) ever meets a body nested deeper than any of our forms.
  app.useBodyParser<Server>(
    'application/json',
    { bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body, done) => {
      if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
        done(new InvalidInputError([tooDeepIssue(localeOf(request))]), undefined);
        return;
      }
      parseJson(request, body.toString('utf8'), done);
    },
  );
  // preValidation runs for every route after the body is parsed and before Nest's guards and
  // handlers; multipart bodies are read later and are checked by their reader.
  fastify.addHook('preValidation', async (request) => {
    const refused = invalidTextOf(request);
    if (refused) throw refused;
  });
}
