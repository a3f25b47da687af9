export * from './instant.js';
export * from './actor.js';
export * from './pilot-state.js';
export * from './pilot-updates.js';
export * from './pilot-snapshot.js';
export * from './pilot-activities.js';
export * from './audit.js';
export * from './notices.js';
