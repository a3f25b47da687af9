// 激励评价's I/O, for the API and the demo import (not activities of a workflow: they run in the
// caller's process with its own database client).
export * from './evaluation-facts.js';
export * from './evaluation-store.js';
