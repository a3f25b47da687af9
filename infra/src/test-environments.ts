import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCliPath, testServerPath } from './engines.js';

/** The real time-skipping test server: months of workflow time pass in seconds. */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = testServerPath();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: path ? { type: 'existing-path', path } : { type: 'cached-download' } },
  });
}

/** A real dev server (in-memory SQLite) on a free port, for paths the test server cannot carry. */
export async function createDevServerEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = temporalCliPath();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: path ? { type: 'existing-path', path } : { type: 'cached-download' },
      ip: '127.0.0.1',
      log: { format: 'pretty', level: 'error' },
    },
  });
}
