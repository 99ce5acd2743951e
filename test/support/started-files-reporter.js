// One line per test file and per test as they start and end ("▶ path", "■ path", "  ▷ name"),
// for runs whose output is a plain log (the date sweep): when a run hangs, the log says in
// which file and which test.
class StartedFilesReporter {
  onTestFileStart(test) {
    process.stderr.write(`▶ ${test.path}\n`);
  }
  onTestCaseStart(test, testCase) {
    process.stderr.write(`  ▷ ${testCase.fullName}\n`);
  }
  onTestFileResult(test) {
    process.stderr.write(`■ ${test.path}\n`);
  }
}

module.exports = StartedFilesReporter;
