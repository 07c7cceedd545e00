/** The browser tests (`npm run test:browser`): Debian's Chromium driven by playwright-core, against the real app. */
const base = require("./jest.config.js");
const common = { ...base.projects[0] };
delete common.displayName;
delete common.testMatch;
module.exports = {
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  reporters: base.reporters,
  projects: [{ ...common, displayName: "browser", testMatch: ["<rootDir>/test/browser/**/*.test.ts"] }],
};
