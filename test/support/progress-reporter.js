// Jest's default per-file progress output, listed by path so that Jest does not also add
// its built-in summary after ours (see summary-reporter.js).
module.exports = require('@jest/reporters').DefaultReporter;
