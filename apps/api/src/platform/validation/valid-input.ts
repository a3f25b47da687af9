import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { parseInput } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import type * as z from 'zod';
import { InvalidInputError } from '../errors/api-errors.js';
import { localeOf } from './locale.js';

function validate<S extends z.ZodType>(schema: S, value: unknown, request: FastifyRequest): z.output<S> {
  const result = parseInput(schema, value ?? {}, localeOf(request));
  if (!result.ok) throw new InvalidInputError(result.issues);
  return result.data as z.output<S>;
}

/**
 * The request body parsed by a shared zod schema (the same one the UI's form uses); a malformed
 * body is a 400 naming each field, in the caller's language, before any handler code runs.
 */
// Nest treats a decorator argument with a `transform` method as a pipe, and zod schemas have one,
// so the schema travels wrapped in an object (not under `schema`: Nest 12 reads that key itself).
const bodyOf = createParamDecorator(({ input }: { input: z.ZodType }, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return validate(input, request.body, request);
});
export const ValidBody = (schema: z.ZodType): ParameterDecorator => bodyOf({ input: schema });

/** The query string parsed by a shared zod schema. */
const queryOf = createParamDecorator(({ input }: { input: z.ZodType }, ctx: ExecutionContext) => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return validate(input, request.query, request);
});
export const ValidQuery = (schema: z.ZodType): ParameterDecorator => queryOf({ input: schema });
