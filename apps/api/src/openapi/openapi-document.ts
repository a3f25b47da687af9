import type { AuditKeyring, BlobStorage, PrismaClient } from '@pilot/db';
import type { Client, Connection } from '@temporalio/client';
import { buildOpenApiDocument, createApiApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { PlatformDependencies } from '../platform/platform.module.js';

/**
 * Property names frameworks probe on any injected value (lifecycle hooks, thenables, inspection);
 * answering `undefined` tells them "not implemented" without touching the dependency.
 */
const PROBES = /^(then|constructor|toJSON|inspect|asymmetricMatch|nodeType|on[A-Z]\w*|before[A-Z]\w*)$/;

/**
 * A stand-in for an I/O dependency while only the route table is read. Nest needs a value for every
 * provider, never a working one, to describe the routes; any real use is a bug and fails loudly.
 */
function unused<T>(name: string): T {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property === 'symbol' || PROBES.test(property)) return undefined;
        throw new Error(`${name}.${property} was used while generating the OpenAPI document`);
      },
    },
  ) as T;
}

/** The dependencies of an app that is built only to be described: no database, no Temporal, no files. */
export function inertDependencies(): PlatformDependencies {
  return {
    config: loadConfig({ LOG_LEVEL: 'error' }),
    prisma: unused<PrismaClient>('prisma'),
    storage: unused<BlobStorage>('storage'),
    temporalConnection: unused<Connection>('temporalConnection'),
    temporalClient: unused<Client>('temporalClient'),
    taskQueue: 'openapi',
    audit: unused<AuditKeyring>('audit'),
  };
}

/** JSON with object keys sorted at every level and a final newline: the same API always gives the same bytes. */
export function stableStringify(value: unknown): string {
  const sort = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sort);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.keys(node)
          .sort()
          .map((key) => [key, sort((node as Record<string, unknown>)[key])]),
      );
    }
    return node;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/**
 * Builds the application with the real modules but inert dependencies, reads its OpenAPI document
 * and closes it again, without listening. Used by scripts/openapi.mjs and the drift test.
 */
export async function generateOpenApiJson(): Promise<string> {
  const app = await createApiApp(inertDependencies());
  try {
    return stableStringify(buildOpenApiDocument(app));
  } finally {
    await app.close();
  }
}
