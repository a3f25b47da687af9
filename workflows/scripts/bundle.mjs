// Bundles the workflow code once at build time, so workers start without webpack and every worker
// and replay test runs exactly the same code.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

const started = Date.now();
const { code } = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('../dist/index.js', import.meta.url)),
  logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
});
await writeFile(new URL('../dist/workflow-bundle.js', import.meta.url), code);
console.log(`workflow bundle: ${(code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
