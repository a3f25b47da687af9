// A vitest reporter that keeps the run's unhandled errors (an error thrown or a promise rejected
// outside any test) in a file, so the test command's last lines can name them: vitest fails the run
// for them with every test green, and its own account of them is printed far above the summary.
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export interface UnhandledError {
  name: string;
  message: string;
  /** The test file that was running when it happened, as vitest attributes it. */
  file: string | null;
  /** The first frames of the stack, enough to find where it came from. */
  stack: string[];
}

type Serialized = Parameters<NonNullable<Reporter['onTestRunEnd']>>[1][number];

export function describeUnhandled(error: Serialized): UnhandledError {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const testPath = (error as { VITEST_TEST_PATH?: unknown }).VITEST_TEST_PATH;
  return {
    name: typeof error.name === 'string' ? error.name : 'Error',
    message: typeof error.message === 'string' ? error.message : String(error),
    file: typeof testPath === 'string' ? testPath : null,
    stack: stack
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('at ') || line.startsWith('❯ '))
      .slice(0, 4),
  };
}

export default class UnhandledErrorsReporter implements Reporter {
  onTestRunEnd(_modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<Serialized>): void {
    const file = process.env.PILOT_UNHANDLED_ERRORS_FILE;
    if (!file) return;
    writeFileSync(file, JSON.stringify(errors.map(describeUnhandled), null, 2));
  }
}
