// Jest's own summary, followed by one plain closing line, "Tests: N passed, N failed,
// N skipped", as the very last line of the run, so CI logs and tools can read the result.
// (Jest always appends its built-in summary after custom reporters, so this reporter is
// the summary: jest.config.js lists Jest's DefaultReporter and this, not 'default'.)
const { SummaryReporter } = require('@jest/reporters');

class RelanceSummaryReporter extends SummaryReporter {
  onRunComplete(testContexts, results) {
    super.onRunComplete(testContexts, results);
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stderr.write(`\nTests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

module.exports = RelanceSummaryReporter;
