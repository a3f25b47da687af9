// Generates src/generated/openapi.ts (the `paths` type of the API) from the OpenAPI document that
// @pilot/api's build writes (apps/api/openapi.json, committed). Turbo runs the api's build first,
// because @pilot/api is a (dev) dependency of this package; nothing here imports the app's code.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const source = createRequire(import.meta.url).resolve('@pilot/api/openapi.json');
const target = fileURLToPath(new URL('../src/generated/openapi.ts', import.meta.url));

const document = JSON.parse(await readFile(source, 'utf8'));
// silent: the API's request bodies carry JSON Schema 2020-12 keywords ($schema) that OpenAPI 3.0
// readers warn about although the types come out right.
const ast = await openapiTS(document, { alphabetize: true, silent: true });
const header = [
  '// Generated from apps/api/openapi.json by scripts/generate.mjs; do not edit.',
  '// Regenerate with `pnpm --filter @pilot/api-client run generate` after the API changed.',
  '',
].join('\n');
const text = `${header}${astToString(ast)}`;
const previous = await readFile(target, 'utf8').catch(() => null);
if (previous !== text) {
  await mkdir(fileURLToPath(new URL('../src/generated/', import.meta.url)), { recursive: true });
  await writeFile(target, text);
}
console.log(`api-client types ${previous === text ? 'up to date' : 'written'} (${source})`);
