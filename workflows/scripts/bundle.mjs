// Bundles the workflow code once at build time, so workers start without webpack and every worker
// and replay test runs exactly the same code.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

const started = Date.now();
const { code } = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('../dist/index.js', import.meta.url)),
  logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  // The SDK evaluates the bundle's modules again for each workflow it caches, so every module costs
  // each cached pilot its objects. Dropping the modules none of whose exports are used (our packages
  // and zod declare themselves free of side effects) and hoisting the rest into shared scopes took a
  // workflow importing what the pilot imports from 2.35 to 1.87 MiB of worker memory; most of the
  // rest is zod and the domain's schemas (0.5 MiB without them: bench/diagnostics/bundle-memory).
  // The SDK's `preloadModules` would share modules instead, but it freezes what it shares, and zod
  // (4.6) rewrites its schemas on first use.
  webpackConfigHook: (config) => ({
    ...config,
    optimization: { ...config.optimization, sideEffects: true, usedExports: true, concatenateModules: true },
  }),
});
await writeFile(new URL('../dist/workflow-bundle.js', import.meta.url), code);
console.log(`workflow bundle: ${(code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
