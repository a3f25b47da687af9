import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateOpenApiJson } from './openapi-document.js';

const committedPath = new URL('../../openapi.json', import.meta.url);

interface Operation {
  operationId?: string;
  security?: unknown[];
}
type Document = { paths: Record<string, Record<string, Operation>> };

function operations(document: Document): Array<{ route: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
}

/**
 * The committed apps/api/openapi.json is what @pilot/api-client's types are generated from. A route
 * or schema changed without regenerating it fails here (and so in CI, where the build compares
 * instead of writing): run `pnpm --filter @pilot/api run openapi` and commit the file.
 */
describe('OpenAPI document', () => {
  it('is built without a database or Temporal and matches the committed openapi.json', async () => {
    const generated = await generateOpenApiJson();
    const committed = await readFile(committedPath, 'utf8');
    if (generated !== committed) {
      const now = new Set(operations(JSON.parse(generated) as Document).map((o) => o.route));
      const before = new Set(operations(JSON.parse(committed) as Document).map((o) => o.route));
      const added = [...now].filter((route) => !before.has(route));
      const removed = [...before].filter((route) => !now.has(route));
      expect.fail(
        'apps/api/openapi.json is stale; run `pnpm --filter @pilot/api run openapi` and commit it' +
          (added.length + removed.length > 0
            ? ` (routes added: ${added.join(', ') || 'none'}; removed: ${removed.join(', ') || 'none'})`
            : ' (schemas or descriptions changed)'),
      );
    }
    // Same input, same bytes: the file is stable across runs.
    expect(await generateOpenApiJson()).toBe(generated);
  });

  it('names every operation after its method, once', async () => {
    const document = JSON.parse(await generateOpenApiJson()) as Document;
    const ids = operations(document).map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
