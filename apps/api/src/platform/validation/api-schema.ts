import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import * as z from 'zod';

type JsonSchema = Record<string, unknown>;

/** OpenAPI for a body validated by a shared zod schema: the document shows exactly what is checked. */
export function ApiZodBody(schema: z.ZodType, description?: string) {
  return ApiBody({
    schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
    description,
  });
}

/** OpenAPI query parameters from the properties of a shared zod object schema. */
export function ApiZodQuery(schema: z.ZodObject) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property }),
    ),
  );
}
