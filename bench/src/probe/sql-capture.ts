// In the API: while switched on by the probe signal it records every statement the process sends to
// PostgreSQL — text, parameters as they go on the wire, the connection, start and end — so the
// read scenario can time exactly the SQL the API runs for a request, whatever the code in the tree
// makes it. Switched off by the next signal, it writes what it recorded.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CapturedStatement } from '../sql/captured.js';
import { outputFile, PROBE_SIGNAL, stateFile } from './files.js';

/** The pg module the API's pool comes from: the one @pilot/db resolves. */
interface PgModule {
  Client: { prototype: { query: (...args: unknown[]) => unknown } };
}
interface PgUtils {
  prepareValue: (value: unknown) => unknown;
}

/** A property of a value of unknown shape (pg's query configs are plain objects). */
function property(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  // Any object can be read as a record of unknowns; the caller checks what it finds.
  return (value as Record<string, unknown>)[key];
}

/** A prepared parameter as JSON can carry it: text as is, bytes as base64. */
function wireValue(value: unknown): CapturedStatement['values'][number] {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return { base64: value.toString('base64') };
  return String(value);
}

export function installSqlCapture(dir: string): void {
  const require = createRequire(import.meta.url);
  const fromDb = createRequire(require.resolve('@pilot/db'));
  const pgPath = fromDb.resolve('pg');
  // CommonJS modules without types of their own here; the shapes used are declared above.
  const pg = fromDb(pgPath) as PgModule;
  const utils = createRequire(pgPath)('./utils.js') as PgUtils;
  const connections = new WeakMap<object, number>();
  let connectionCount = 0;
  let capturing = false;
  let session = 0;
  let origin = 0;
  let statements: CapturedStatement[] = [];

  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function patched(this: object, ...args: unknown[]): unknown {
    if (!capturing) return original.apply(this, args);
    const [config, second] = args;
    const text = typeof config === 'string' ? config : property(config, 'text');
    if (typeof text !== 'string') return original.apply(this, args);
    const given = Array.isArray(second) ? second : property(config, 'values');
    let connection = connections.get(this);
    if (connection === undefined) {
      connection = ++connectionCount;
      connections.set(this, connection);
    }
    const entry: CapturedStatement = {
      connection,
      text,
      values: Array.isArray(given) ? given.map((value) => wireValue(utils.prepareValue(value))) : [],
      startMs: performance.now() - origin,
      endMs: null,
    };
    statements.push(entry);
    const answered = () => {
      entry.endMs = performance.now() - origin;
    };
    // pg-pool hands its clients a callback; a client used directly answers a promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...results: unknown[]) => {
        answered();
        return callback(...results);
      };
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) void result.then(answered, answered);
    return result;
  };

  process.on(PROBE_SIGNAL, () => {
    if (!capturing) {
      session++;
      statements = [];
      origin = performance.now();
      capturing = true;
      writeFileSync(stateFile(dir, process.pid), `on ${session}`);
      return;
    }
    capturing = false;
    writeFileSync(outputFile(dir, process.pid, session), JSON.stringify(statements));
    writeFileSync(stateFile(dir, process.pid), `off ${session}`);
  });
}
