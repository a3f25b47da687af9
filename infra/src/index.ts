export { temporalCliPath, testServerPath } from './engines.js';
export { createDevServerEnvironment, createTimeSkippingEnvironment } from './test-environments.js';
export { assertPortFree, waitForPort } from './ports.js';
export { freePort, startPersistentDevServer, type PersistentDevServer } from './dev-server.js';
