export * from './equipment.js';
export * from './logbook.js';
export * from './schedule.js';
export * from './trace-standards.js';
export * from './summary.js';
export * from './upkeep.js';
export * from './operation-rate.js';
