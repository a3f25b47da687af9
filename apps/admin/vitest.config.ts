import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'admin',
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
