export * from './patrols.js';
export * from './meetings.js';
