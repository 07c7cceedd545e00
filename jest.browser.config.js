/** The browser tests (`npm run test:browser`): Debian's Chromium driven by playwright-core, against the real app. */
const base = require("./jest.config.js");
const common = { ...base.projects[0] };
delete common.displayName;
delete common.testMatch;
module.exports = {
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  reporters: base.reporters,
  // A page load and a form post each wait on a real browser, on a machine that may be busy.
  testTimeout: 30_000,
  projects: [{ ...common, displayName: "browser", testMatch: ["<rootDir>/test/browser/**/*.test.ts"] }],
};
