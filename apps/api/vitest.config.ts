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
  },
});
