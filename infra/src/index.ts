export { temporalCliPath, testServerPath } from './engines.js';
export { createDevServerEnvironment, createTimeSkippingEnvironment } from './test-environments.js';
export { assertPortFree, waitForPort } from './ports.js';
export { freePort, startPersistentDevServer, type PersistentDevServer } from './dev-server.js';
export {
  dropProductionShape,
  PRODUCTION_NAMES,
  startProductionShape,
  type ProductionShape,
  type ProductionShapeOptions,
  type ShapeNames,
} from './production-shape.js';
export { ADMIN_BODY_SIZE_LIMIT } from './app-services.js';
