// Loaded into the API and the worker processes by the bench (NODE_OPTIONS=--import, see
// control.ts). In the API it installs the SQL capture, in the worker the memory probe; each answers
// the probe signal (files.ts) and writes what it has into BENCH_PROBE_DIR. It announces itself with
// a ready file, and the bench asks only a process that has one.
// In any other process, or without BENCH_PROBE_DIR, it does nothing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { installMemoryProbe } from './memory-probe.js';
import { readyFile } from './files.js';
import { installSqlCapture } from './sql-capture.js';

const dir = process.env['BENCH_PROBE_DIR'];
const script = process.argv[1] ?? '';
const isApp = (app: string) => script.endsWith(path.join('apps', app, 'dist', 'main.js'));

if (dir && (isApp('api') || isApp('worker'))) {
  try {
    if (isApp('api')) installSqlCapture(dir);
    else installMemoryProbe(dir);
    writeFileSync(readyFile(dir, process.pid), isApp('api') ? 'sql' : 'memory');
  } catch (error) {
    // The service must start whatever happens here; the bench then reports that the probe is missing.
    console.error(`bench probe not installed: ${String(error)}`);
  }
}
