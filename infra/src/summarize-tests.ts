// Prints the closing line of the test command from vitest's JSON report, in the plain form CI reads:
// "tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: summarize-tests <vitest-json-report>');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
const failed = report.numFailedTests + report.numFailedTestSuites;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
