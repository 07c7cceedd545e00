/** Unit, integration and e2e tests by cost; all share one PostgreSQL prepared by globalSetup. */
const common = {
  preset: "ts-jest",
  // Per project (a top-level value does not reach projects): not in $TMPDIR, so a run leaves nothing there.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  testEnvironment: "node",
  // The generated Prisma client imports its siblings as "./x.js"; the sources are .ts.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }] },
};
module.exports = {
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    { ...common, displayName: "integration", testMatch: ["<rootDir>/test/integration/**/*.test.ts"] },
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
  ],
};
