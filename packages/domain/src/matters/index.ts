export * from './vocabulary.js';
export * from './rules.js';
export * from './contract.js';
export * from './loop.js';
export * from './rates.js';
