import { defineConfig } from 'vitest/config';

// One runner for the whole repository: every package contributes a project with its own config.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'workflows/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'infra/vitest.config.ts',
      'bench/vitest.config.ts',
    ],
  },
});
