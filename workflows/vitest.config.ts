import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'workflows',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts its own Temporal server; the time-skipping server's clock is global to it.
    fileParallelism: false,
    // Each file starts its own server, database and worker; only the loaded SDK and bundle helpers
    // are shared, which no file mocks or changes (as in the API project).
    isolate: false,
  },
});
