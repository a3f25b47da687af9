import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBody, ApiParam } from '@nestjs/swagger';
import { fieldLabel, parseInput, type Locale } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import * as z from 'zod';
import { InvalidInputError } from '../errors/api-errors.js';
import { localeOf } from './locale.js';

interface PathBodyOptions {
  input: z.ZodType;
  /** The schema's field that names the record the route acts on (e.g. `pilotId`). */
  field: string;
  /** The route parameter carrying the same id (e.g. `id` in `/pilots/:id/pause`). */
  param: string;
}

/**
 * The shared command schemas carry the id of the record they act on (the UI's forms post them
 * whole), while REST routes put that id in the path. The path wins: it fills the field, and a body
 * that names a different record is refused, so one request can never act on two records.
 */
const pathBodyOf = createParamDecorator(({ input, field, param }: PathBodyOptions, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const locale = localeOf(request);
  const fromPath = (request.params as Record<string, string | undefined>)[param] ?? '';
  const body: unknown = request.body ?? {};
  let merged: unknown = body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const given = (body as Record<string, unknown>)[field];
    if (given !== undefined && given !== fromPath) {
      const label = fieldLabel([field]);
      throw new InvalidInputError([
        {
          path: field,
          message:
            locale === 'en'
              ? `${label.en} does not match the record in the address`
              : `「${label.zh}」与请求地址中的记录不一致`,
        },
      ]);
    }
    merged = { ...body, [field]: fromPath };
  }
  const result = parseInput(input, merged, locale);
  if (!result.ok) throw new InvalidInputError(result.issues);
  return result.data as unknown;
});

/** The body parsed by a shared schema whose `field` is taken from the route parameter `param`. */
export const ValidBodyWithPath = (schema: z.ZodType, field: string, param = 'id'): ParameterDecorator =>
  pathBodyOf({ input: schema, field, param });

/**
 * OpenAPI for such a body: the field comes from the path, so the document leaves it optional in the
 * body and declares the path parameter (no @Param in the handler announces it otherwise).
 */
export function ApiZodBodyFromPath(schema: z.ZodType, field: string, description?: string, param = 'id') {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    required?: string[];
  } & Record<string, unknown>;
  const required = (json.required ?? []).filter((name) => name !== field);
  return applyDecorators(
    ApiParam({ name: param, type: String, required: true }),
    ApiBody({ schema: { ...json, required }, description }),
  );
}

/** The caller's language (zh-CN unless Accept-Language prefers English), for messages a service writes. */
export const RequestLocale = createParamDecorator((_data: unknown, ctx: ExecutionContext): Locale => {
  return localeOf(ctx.switchToHttp().getRequest<FastifyRequest>());
});
