// One lint setup for the whole repository; formatting is Prettier's job (eslint-config-prettier).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Modules that must never be reachable from deterministic workflow code. */
const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/.data/**',
      '**/.turbo/**',
      'packages/db/src/generated/**',
      'packages/api-client/src/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    // Nest reads constructor parameter types from decorator metadata, so those imports are values.
    files: ['apps/api/src/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },
  {
    // Workflow code is replayed: it may import only the workflow SDK, the pure domain package and
    // activity *types*. Anything with I/O or a clock breaks determinism.
    files: ['workflows/src/**/*.ts'],
    // Tests, their harness and the Node-side bundle locator run outside the workflow sandbox.
    ignores: [
      'workflows/src/**/*.test.ts',
      'workflows/src/test-support/**',
      'workflows/src/bundle-path.ts',
      'workflows/src/client.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((name) => [
              { name, message: 'Workflow code must be deterministic: no Node built-ins.' },
              { name: `node:${name}`, message: 'Workflow code must be deterministic: no Node built-ins.' },
            ]),
            {
              name: '@temporalio/client',
              message: 'Workflows talk to Temporal through @temporalio/workflow.',
            },
            { name: '@temporalio/worker', message: 'Workflows must not import the worker runtime.' },
            { name: '@temporalio/activity', message: 'Import activity types only (import type).' },
          ],
          patterns: [
            { group: ['@prisma/*', '@pilot/db', '@pilot/db/*'], message: 'No database access in workflows.' },
            {
              group: ['@pilot/activities', '@pilot/activities/*'],
              allowTypeImports: true,
              message: 'Activities are imported as types only.',
            },
            {
              group: ['**/apps/**', '@pilot/api', '@pilot/worker', '@pilot/admin'],
              message: 'Nothing imports an app.',
            },
          ],
        },
      ],
    },
  },
  prettier,
  ...svelte.configs['flat/prettier'],
);
