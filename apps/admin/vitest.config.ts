import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    // Unit tests import $lib modules without the SvelteKit plugin; these stand in for its aliases.
    alias: {
      $lib: here('./src/lib'),
      '$env/dynamic/private': here('./tests/support/env-stub.ts'),
    },
  },
  test: {
    name: 'admin',
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    // The browser tests start Temporal, the API and the UI once per file; allow for a cold machine.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // As in the API project: files share the loaded modules; each browser test starts its own stack.
    isolate: false,
  },
});
