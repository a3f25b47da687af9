import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';

export default defineProject({
  // esbuild drops decorator metadata, which Nest's injector needs; SWC keeps it.
  plugins: [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } })],
  test: {
    name: 'api',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Every file boots the same Nest app, Prisma client and Temporal SDK; evaluating them afresh for
    // each of ~60 files cost ~5 s apiece. No file mocks modules or changes process-wide settings, and
    // each starts its own API, database and Temporal, so they share the loaded modules safely.
    isolate: false,
  },
});
