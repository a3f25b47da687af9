/** Injection tokens for the I/O the API is handed at start-up (the composition root builds them). */
export const PRISMA = Symbol('PRISMA');
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const API_CONFIG = Symbol('API_CONFIG');
export const STORAGE = Symbol('STORAGE');
export const TASK_QUEUE = Symbol('TASK_QUEUE');
export const AUDIT_KEYRING = Symbol('AUDIT_KEYRING');
