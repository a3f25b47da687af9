// Writes apps/api/openapi.json from the built API (dist) without listening, a database or Temporal;
// @pilot/api-client generates its types from that file. `build` runs this: locally it rewrites the
// file when the API changed (commit the diff). Under CI it leaves the committed file alone and only
// warns, so the drift test (src/openapi/openapi.test.ts) fails on a stale document instead of the
// build silently regenerating it. --check fails on a difference; --write always writes.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
const write = process.argv.includes('--write');
const strict = process.argv.includes('--check');
const compareOnly = !write && (strict || Boolean(process.env.CI));

const { generateOpenApiJson } = await import('../dist/openapi/openapi-document.js');
const generated = await generateOpenApiJson();
const committed = await readFile(target, 'utf8').catch(() => null);

if (committed === generated) {
  console.log('openapi.json is up to date');
} else if (compareOnly) {
  console.error(
    'apps/api/openapi.json does not match the API: run `pnpm --filter @pilot/api run openapi` and commit it',
  );
  if (strict) process.exitCode = 1;
} else {
  await writeFile(target, generated);
  console.log(`wrote ${target}`);
}
