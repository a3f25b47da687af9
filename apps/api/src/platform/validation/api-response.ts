import { ApiResponse } from '@nestjs/swagger';
import * as z from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * A response body described by a zod schema in the OpenAPI document. The service's return type is
 * `z.infer` of the same schema, so the generated client and the code cannot disagree. OpenAPI 3.0
 * is what @nestjs/swagger writes, so the schema is rendered for it (`nullable` rather than type arrays).
 */
export function ApiZodResponse(schema: z.ZodType, description: string, status = 200) {
  return ApiResponse({
    status,
    description,
    content: {
      'application/json': {
        schema: z.toJSONSchema(schema, {
          io: 'output',
          target: 'openapi-3.0',
          unrepresentable: 'any',
        }) as JsonSchema,
      },
    },
  });
}

/** A download: the body is a file of `contentType` (any bytes unless `schema` says more). */
export function ApiFileResponse(
  contentType: string,
  description: string,
  schema: JsonSchema = { type: 'string', format: 'binary' },
) {
  return ApiResponse({ status: 200, description, content: { [contentType]: { schema } } });
}
