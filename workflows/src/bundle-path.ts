import { fileURLToPath } from 'node:url';

/**
 * The prebuilt workflow bundle (made by `build`), for Worker.create({ workflowBundle: { codePath } }).
 * Resolved through `../dist` so it is the same file whether this module runs from src (tests) or dist.
 */
export const workflowBundlePath = fileURLToPath(new URL('../dist/workflow-bundle.js', import.meta.url));
