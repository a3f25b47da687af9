// Prints the closing lines of the test command from vitest's JSON report, in the plain form CI reads:
// "tests: N passed, N failed, N skipped", preceded by one line per unhandled error when there were
// any (vitest fails the run for them even when every test passed).
import { existsSync, readFileSync } from 'node:fs';
import type { UnhandledError } from './unhandled-errors-reporter.js';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

const [file, unhandledFile] = process.argv.slice(2);
if (!file) {
  console.error('usage: summarize-tests <vitest-json-report> [unhandled-errors-json]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
const unhandled: UnhandledError[] =
  unhandledFile && existsSync(unhandledFile)
    ? (JSON.parse(readFileSync(unhandledFile, 'utf8')) as UnhandledError[])
    : [];
for (const error of unhandled) {
  console.log(`unhandled ${error.name}: ${error.message.split('\n')[0]} (while ${error.file ?? '?'} ran)`);
  for (const frame of error.stack) console.log(`    ${frame}`);
}
const failed = report.numFailedTests + report.numFailedTestSuites;
const skipped = report.numPendingTests + report.numTodoTests;
const errors = unhandled.length > 0 ? `, ${unhandled.length} unhandled error(s)` : '';
console.log(`tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped${errors}`);
process.exit(failed > 0 || unhandled.length > 0 || report.numPassedTests === 0 ? 1 : 0);
