// What one cached workflow costs a worker's resident memory for different bundles (bench README,
// "Memory per cached workflow"): `node --expose-gc measure.mjs <variant> [count]` with variant
// `trivial`, `pilot-imports` (as bundled by default), `pilot-imports-shaken` (the pilot bundle's
// tree shaking, workflows/scripts/bundle.mjs) or `pilot-imports-without-zod`. The workflows run on
// a worker in this process against a Temporal dev server; the workflow thread's heap is not visible
// from here, so the figure is the process's RSS before and after `count` workflows are started.
// CACHE=n caps the worker's workflow cache (maxCachedWorkflows), to see what eviction gives back;
// start node with --max-old-space-size=m to see what a heap limit adds to that.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createDevServerEnvironment } from '@pilot/infra';

const [variant = 'pilot-imports', countArg = '200'] = process.argv.slice(2);
const count = Number(countArg);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const shaken = (config) => ({
  ...config,
  optimization: { ...config.optimization, sideEffects: true, usedExports: true, concatenateModules: true },
});
const VARIANTS = {
  trivial: { workflowsPath: here('trivial.workflow.js') },
  'pilot-imports': { workflowsPath: here('pilot-imports.workflow.js') },
  'pilot-imports-shaken': { workflowsPath: here('pilot-imports.workflow.js'), webpackConfigHook: shaken },
  'pilot-imports-without-zod': {
    workflowsPath: here('pilot-imports.workflow.js'),
    webpackConfigHook: (config) => ({
      ...shaken(config),
      resolve: { ...config.resolve, alias: { ...config.resolve?.alias, zod$: here('zod-stand-in.js') } },
    }),
  },
};
const options = VARIANTS[variant];
if (!options) throw new Error(`variant must be one of ${Object.keys(VARIANTS).join(', ')}`);

const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

Runtime.install({ logger: new DefaultLogger('WARN') });
const { code } = await bundleWorkflowCode({ ...options, logger: new DefaultLogger('WARN') });
const env = await createDevServerEnvironment();
const worker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue: 'bundle-memory',
  workflowBundle: { code },
  ...(process.env.CACHE ? { maxCachedWorkflows: Number(process.env.CACHE) } : {}),
});
const start = (id) => env.client.workflow.start('probe', { taskQueue: 'bundle-memory', workflowId: id });
const cached = async (handle) => {
  while ((await handle.describe()).historyLength < 4) await new Promise((resolve) => setTimeout(resolve, 50));
};
await worker.runUntil(async () => {
  const run = Date.now().toString(36);
  const first = await start(`${run}-first`);
  await cached(first);
  await settle();
  const before = rssKiB();
  const handles = [];
  for (let i = 0; i < count; i += 10) {
    handles.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, count - i) }, (_, j) => start(`${run}-${i + j}`)),
      )),
    );
  }
  for (const handle of handles) await cached(handle);
  await settle();
  const after = rssKiB();
  console.log(
    `${variant}: bundle ${(code.length / 1024).toFixed(0)} KiB, ${((after - before) / count).toFixed(0)} KiB RSS per workflow (${count} started)`,
  );
  await Promise.all([first, ...handles].map((handle) => handle.signal('release')));
});
await env.teardown();
