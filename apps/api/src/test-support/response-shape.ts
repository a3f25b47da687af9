import { expect } from 'vitest';
import * as z from 'zod';

/**
 * A response body matches the schema the OpenAPI document gives it. Responses are a schema's
 * output (ISO instants where the workflow keeps epoch ms), so the check runs in the encode direction.
 */
export function expectShape(schema: z.ZodType, body: unknown): void {
  const checked = z.safeEncode(schema, body);
  expect(checked.success, checked.success ? '' : JSON.stringify(checked.error.issues.slice(0, 3))).toBe(true);
}
