// The compose file and the manifests start the worker as the production shape does: the same heap
// limit, which also sizes its workflow cache.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WORKER_HEAP_MB, WORKER_MAIN } from './app-services.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const command = `['node', '--max-old-space-size=${WORKER_HEAP_MB}', '${path.relative(root, WORKER_MAIN)}']`;

describe('deployment files', () => {
  it.each(['infra/deploy/compose.yaml', 'infra/deploy/k8s/pilot-platform.yaml'])(
    '%s starts the worker with the production shape’s command',
    async (file) => {
      const text = await readFile(path.join(root, file), 'utf8');
      expect(text).toContain(`command: ${command}`);
    },
  );
});
