export * from './audit-labels.js';
export * from './record-labels.js';
