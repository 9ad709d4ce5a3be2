/**
 * Prints vitest's JSON report as one plain closing line, `label: N passed, N failed, N skipped`,
 * and exits non-zero when nothing ran. Used by .ci/run after each `npm test`.
 */
import { readFileSync } from 'node:fs';

const [file, label = 'tests'] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
};
console.log(
  `${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests + report.numTodoTests} skipped`,
);
if (report.numTotalTests === 0) process.exit(1);
